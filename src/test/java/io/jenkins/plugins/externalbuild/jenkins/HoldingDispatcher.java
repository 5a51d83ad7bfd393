package io.jenkins.plugins.externalbuild.jenkins;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Holds the first request with a given method and path until {@link #release()}, then answers it as {@code inner}
 * would: a request in flight, for the tests that restart Jenkins while one is. Others pass straight through.
 * {@link #release()} returns once the held request has reached {@code inner}, so what {@code inner} records of it
 * can be asserted at once (it raced the assertion before, and lost in one real-Jenkins run).
 */
final class HoldingDispatcher extends Dispatcher {

    private final Dispatcher inner;
    private final String method;
    private final String path;
    private final AtomicBoolean held = new AtomicBoolean();
    final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch handedOn = new CountDownLatch(1);

    HoldingDispatcher(Dispatcher inner, String method, String path) {
        this.inner = inner;
        this.method = method;
        this.path = path;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        if (method.equals(request.getMethod()) && path.equals(request.getUrl().encodedPath()) && held.compareAndSet(false, true)) {
            arrived.countDown();
            released.await(2, TimeUnit.MINUTES);
            try {
                return inner.dispatch(request);
            } finally {
                handedOn.countDown();
            }
        }
        return inner.dispatch(request);
    }

    /** Lets the held request go on, and waits until {@code inner} has answered it. */
    void release() throws InterruptedException {
        released.countDown();
        if (arrived.getCount() == 0 && !handedOn.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the held " + method + " " + path + " was not answered within 30 s of its release");
        }
    }
}

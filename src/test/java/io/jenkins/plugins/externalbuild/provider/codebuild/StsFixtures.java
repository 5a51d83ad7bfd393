package io.jenkins.plugins.externalbuild.provider.codebuild;

/**
 * An STS AssumeRole answer (query protocol, XML), shaped after the example in the STS API Reference
 * (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html); values are ours.
 */
final class StsFixtures {

    private StsFixtures() {
    }

    static String assumeRole(String accessKeyId, String secretAccessKey, String sessionToken) {
        return "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
                + "  <AssumeRoleResult>\n"
                + "    <AssumedRoleUser>\n"
                + "      <Arn>arn:aws:sts::123456789012:assumed-role/demo/external-build</Arn>\n"
                + "      <AssumedRoleId>AROA3XFRBF535PLBIFPI4:external-build</AssumedRoleId>\n"
                + "    </AssumedRoleUser>\n"
                + "    <Credentials>\n"
                + "      <AccessKeyId>" + accessKeyId + "</AccessKeyId>\n"
                + "      <SecretAccessKey>" + secretAccessKey + "</SecretAccessKey>\n"
                + "      <SessionToken>" + sessionToken + "</SessionToken>\n"
                + "      <Expiration>2099-01-01T00:00:00Z</Expiration>\n"
                + "    </Credentials>\n"
                + "  </AssumeRoleResult>\n"
                + "  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>\n"
                + "</AssumeRoleResponse>\n";
    }
}

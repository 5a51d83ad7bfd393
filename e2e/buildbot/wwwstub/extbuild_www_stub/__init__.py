# A REST-only stand-in for the "base" web plugin (PyPI's buildbot-www, which Debian does not package).
# Buildbot 3.7 will not start its web server, REST API included, without a "base" plugin.
# e2e/buildbot/start puts wwwstub/ on the master's PYTHONPATH; the egg-info registers the entry point.
from buildbot.www.plugin import Application

ep = Application(__name__, "REST-only stand-in for buildbot-www (External Build e2e)")

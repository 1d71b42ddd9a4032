// The orchestrator drives Debian's server binaries, setsid/setpriv and /proc: it is Linux-only by design.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

using System.Net;
using System.Net.Sockets;

namespace Router.Testing;

/// <summary>Ports on 127.0.0.1 for the tests' own servers and the functions they start.</summary>
public static class LoopbackPorts
{
    /// <summary>A port nothing listens on now (the system's choice of a free one; free until someone takes it).</summary>
    public static int Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

using System.Net;
using System.Net.Sockets;

namespace SecretVault.Testing.Processes;

/// <summary>A loopback TCP port that was free a moment ago, for a child process to listen on.</summary>
public static class FreePort
{
    /// <summary>Asks the OS for a free port on 127.0.0.1.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

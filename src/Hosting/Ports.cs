using System.Net;
using System.Net.Sockets;

namespace ArPlatform.Hosting;

public static class Ports
{
    // Below Linux's ephemeral range (32768-60999): a port the OS handed out for bind(0) can be taken as the source
    // port of any outgoing connection before our server binds it, which happens when many tests run at once.
    private const int First = 20000;
    private const int Last = 32700;

    /// <summary>A loopback port that is free now, outside the range the OS uses for outgoing connections.</summary>
    public static int Free()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(First, Last);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException($"No free port between {First} and {Last}.");
    }

    internal static async Task<bool> IsOpenAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

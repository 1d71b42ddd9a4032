using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace JobPlatform.Tests.Infrastructure;

/// <summary>
/// HTTP clients that connect from a loopback address of their choice (Linux routes all of 127.0.0.0/8 to the loopback
/// interface), so that to the API they are another client machine.
/// </summary>
public static class LoopbackClients
{
    /// <param name="headerEncoding">How header values are sent; by default the client refuses non-ASCII ones.</param>
    public static HttpClient From(IPAddress source, string baseUrl, string? apiKey = null, Encoding? headerEncoding = null)
    {
        var handler = new SocketsHttpHandler
        {
            RequestHeaderEncodingSelector = headerEncoding is null ? null : (_, _) => headerEncoding,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };
        if (apiKey is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return http;
    }
}

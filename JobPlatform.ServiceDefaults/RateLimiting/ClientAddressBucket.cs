using System.Net;
using System.Net.Sockets;

namespace JobPlatform.ServiceDefaults.RateLimiting;

public static class ClientAddressBucket
{
    /// <summary>
    /// The bucket name of a client address: an IPv4 address on its own, an IPv6 address by its /64 network (a host is
    /// commonly given a whole /64, and could otherwise take a fresh address, and a fresh budget, for every request).
    /// </summary>
    public static string For(IPAddress? address)
    {
        if (address is null)
        {
            return "address:unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return $"address:{address}";
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return $"address:{new IPAddress(bytes)}/64";
    }
}

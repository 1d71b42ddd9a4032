using System.Net;
using JobPlatform.ServiceDefaults.RateLimiting;

namespace JobPlatform.Tests.ServiceDefaults;

public sealed class ClientAddressBucketTests
{
    [Theory]
    [InlineData("203.0.113.7", "address:203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "address:203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "address:2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "address:2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "address:2001:db8:1:3::/64")]
    public void A_client_address_is_counted_alone_in_ipv4_and_by_its_64_network_in_ipv6(string address, string bucket) =>
        Assert.Equal(bucket, ClientAddressBucket.For(IPAddress.Parse(address)));
}

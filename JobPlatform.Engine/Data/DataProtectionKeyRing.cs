using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JobPlatform.Engine.Data;

/// <summary>
/// The shared key ring gets a key in use before any replica seals or opens a value. Left to itself, Data Protection
/// creates a first key at first use in each process that finds none: replicas starting together on an empty table would
/// each seal with a key of their own, which the others do not know until their key rings refresh (up to a day later).
/// Run by the migrator under its lock, the first replica to start creates the key and the others find it. Later keys
/// are Data Protection's own rotation: created days before the current one expires, so every replica has read them
/// before they are used.
/// </summary>
internal static class DataProtectionKeyRing
{
    public static void EnsureActiveKey(IServiceProvider services)
    {
        var keys = services.GetRequiredService<IKeyManager>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!keys.GetAllKeys().Any(key => !key.IsRevoked && key.ActivationDate <= now && key.ExpirationDate > now))
        {
            keys.CreateNewKey(now, now + services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.NewKeyLifetime);
        }
    }
}

using JobPlatform.Engine.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace JobPlatform.Engine.Store;

/// <summary>Tenants (their ledger opens with their first credits), their users and API keys: the operators' writes.</summary>
public sealed partial class JobStore
{
    public async Task CreateTenantAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Adds a user with its key (the key's hash); false when the tenant does not exist.</summary>
    public async Task<bool> CreateUserAsync(User user, ApiKey key, CancellationToken cancellationToken)
    {
        if (!await db.Tenants.AnyAsync(t => t.Id == user.TenantId, cancellationToken))
        {
            return false;
        }

        db.Users.Add(user);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Adds a tenant with one user and key unless the key is known already; false when it is (replicas seeding the
    /// same key at the same moment: the first one's tenant stands).
    /// </summary>
    public async Task<bool> CreateTenantWithKeyAsync(Tenant tenant, User user, ApiKey key, CancellationToken cancellationToken)
    {
        if (await db.ApiKeys.AnyAsync(k => k.KeyHash == key.KeyHash, cancellationToken))
        {
            return false;
        }

        db.AddRange(tenant, user, key);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}

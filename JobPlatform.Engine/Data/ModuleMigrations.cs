using System.Reflection;

namespace JobPlatform.Engine.Data;

/// <summary>An assembly whose embedded <c>migrations/*.sql</c> the <see cref="DatabaseMigrator"/> applies after the engine's.</summary>
public sealed record ModuleMigrations(Assembly Assembly);

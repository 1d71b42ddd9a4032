using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace JobPlatform.Engine.Jobs;

/// <summary>
/// Seals the secret parameters a handler declares (<see cref="IJobType.SecretParameters"/>) with ASP.NET Core Data
/// Protection. The API stores each such value as <c>{"$sealed": "..."}</c>, so neither <c>jobs.parameters</c> nor the
/// database's WAL holds it in clear; the worker running the job opens it right before the handler gets its parameters.
/// A value is sealed for its job alone (the job id is part of the protector's purpose): copied into another job's
/// parameters, it does not open.
/// </summary>
public sealed class JobParameterSealer(IDataProtectionProvider dataProtection)
{
    public const string EnvelopeProperty = "$sealed";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("JobPlatform.Jobs.SecretParameters");

    /// <summary>The parameters as the job record keeps them: every declared secret value replaced by its envelope.</summary>
    public string Seal(IJobType type, Guid jobId, JsonElement parameters)
    {
        if (type.SecretParameters is [])
        {
            return parameters.GetRawText();
        }

        var protector = ForJob(jobId);
        return Encoding.UTF8.GetString(Rewrite(parameters, type.SecretParameters, (writer, value) =>
        {
            // The value's JSON text, whatever its kind: a handler may declare a whole object (credentials) secret.
            writer.WriteStartObject();
            writer.WriteString(EnvelopeProperty, protector.Protect(value.GetRawText()));
            writer.WriteEndObject();
        }));
    }

    /// <summary>
    /// The parameters a handler runs with: every envelope at a declared path opened. Throws a
    /// <see cref="System.Security.Cryptography.CryptographicException"/> when one does not open (its key was revoked,
    /// or it was sealed for another job), which fails the attempt.
    /// </summary>
    public JsonElement Unseal(IJobType type, Guid jobId, string storedParameters)
    {
        var stored = JsonDocument.Parse(storedParameters).RootElement;
        if (type.SecretParameters is [])
        {
            return stored;
        }

        var protector = ForJob(jobId);
        return JsonDocument.Parse(Rewrite(stored, type.SecretParameters, (writer, value) =>
        {
            if (IsEnvelope(value, out var sealedValue))
            {
                writer.WriteRawValue(protector.Unprotect(sealedValue));
            }
            else
            {
                // Accepted before the handler declared this parameter secret: stored as it came.
                value.WriteTo(writer);
            }
        })).RootElement;
    }

    private IDataProtector ForJob(Guid jobId) => _protector.CreateProtector(jobId.ToString("N"));

    private static bool IsEnvelope(JsonElement value, [NotNullWhen(true)] out string? sealedValue)
    {
        sealedValue = null;
        if (value.ValueKind != JsonValueKind.Object || value.GetPropertyCount() != 1)
        {
            return false;
        }

        var property = value.EnumerateObject().Single();
        if (property.Name != EnvelopeProperty || property.Value.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        sealedValue = property.Value.GetString()!;
        return true;
    }

    private static byte[] Rewrite(JsonElement parameters, IReadOnlyList<string> paths, Action<Utf8JsonWriter, JsonElement> replace)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, parameters, paths.Select(path => path.Split('.')).ToList(), 0, replace);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Copies <paramref name="value"/>, replacing the values at the paths' ends. Every property whose name matches is
    /// followed (a repeated name included); a path that ends at a property wins over longer ones through it, so a value
    /// is sealed once, whole.
    /// </summary>
    private static void Write(Utf8JsonWriter writer, JsonElement value, List<string[]> paths, int depth, Action<Utf8JsonWriter, JsonElement> replace)
    {
        if (paths.Count == 0 || value.ValueKind != JsonValueKind.Object)
        {
            value.WriteTo(writer);
            return;
        }

        writer.WriteStartObject();
        foreach (var property in value.EnumerateObject())
        {
            writer.WritePropertyName(property.Name);
            var matching = paths.FindAll(path => string.Equals(path[depth], property.Name, StringComparison.OrdinalIgnoreCase));
            if (matching.Exists(path => path.Length == depth + 1))
            {
                replace(writer, property.Value);
            }
            else
            {
                Write(writer, property.Value, matching, depth + 1, replace);
            }
        }

        writer.WriteEndObject();
    }
}

using System.Security.Cryptography;
using System.Text.Json;
using JobPlatform.Engine.Jobs;
using JobPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;

namespace JobPlatform.Tests.Engine;

/// <summary>What a handler's declared secret parameters look like at rest, and what the handler gets back.</summary>
public sealed class JobParameterSealerTests
{
    private static readonly JobParameterSealer Sealer = new(new EphemeralDataProtectionProvider());

    private static readonly TestJobType Handler = new(["access_token", "credentials.client_secret", "headers.Authorization", "account"]);

    private const string Parameters = """
        {
            "access_token": "EAAB-token",
            "credentials": {"client_id": "app-1", "client_secret": "client-secret"},
            "headers": {"authorization": "Bearer header-token", "Accept": "application/json"},
            "account": {"user": "ada", "password": "pa55word"},
            "page": 3
        }
        """;

    private static readonly string[] Secrets = ["EAAB-token", "client-secret", "header-token", "pa55word"];

    [Fact]
    public void Declared_values_are_sealed_whatever_their_kind_or_case_and_the_rest_is_kept()
    {
        var jobId = Guid.NewGuid();

        var stored = Sealer.Seal(Handler, jobId, Parse(Parameters));

        Assert.All(Secrets, secret => Assert.DoesNotContain(secret, stored));
        var record = Parse(stored);
        Assert.True(record.GetProperty("access_token").TryGetProperty(JobParameterSealer.EnvelopeProperty, out _));
        Assert.True(record.GetProperty("headers").GetProperty("authorization").TryGetProperty(JobParameterSealer.EnvelopeProperty, out _));
        Assert.True(record.GetProperty("account").TryGetProperty(JobParameterSealer.EnvelopeProperty, out _)); // a whole object
        Assert.Equal("app-1", record.GetProperty("credentials").GetProperty("client_id").GetString());
        Assert.Equal("application/json", record.GetProperty("headers").GetProperty("Accept").GetString());
        Assert.Equal(3, record.GetProperty("page").GetInt32());
        Assert.True(JsonElement.DeepEquals(Parse(Parameters), Sealer.Unseal(Handler, jobId, stored)));
    }

    [Fact]
    public void A_repeated_property_name_is_sealed_every_time()
    {
        var stored = Sealer.Seal(Handler, Guid.NewGuid(), Parse("""{"access_token": "first-token", "ACCESS_TOKEN": "second-token"}"""));

        Assert.DoesNotContain("first-token", stored);
        Assert.DoesNotContain("second-token", stored);
    }

    [Fact]
    public void A_value_sealed_for_one_job_does_not_open_for_another()
    {
        var stored = Sealer.Seal(Handler, Guid.NewGuid(), Parse(Parameters));

        Assert.ThrowsAny<CryptographicException>(() => Sealer.Unseal(Handler, Guid.NewGuid(), stored));
    }

    [Fact]
    public void Only_declared_paths_are_opened_and_values_stored_before_a_declaration_pass_through()
    {
        const string stored = """{"access_token": "stored-in-clear", "note": {"$sealed": "not ours to open"}}""";

        var parameters = Sealer.Unseal(Handler, Guid.NewGuid(), stored);

        Assert.True(JsonElement.DeepEquals(Parse(stored), parameters));
    }

    [Fact]
    public void A_handler_without_secrets_gets_its_parameters_stored_as_sent()
    {
        var plain = new TestJobType([]);

        var stored = Sealer.Seal(plain, Guid.NewGuid(), Parse(Parameters));

        Assert.Equal(Parse(Parameters).GetRawText(), stored);
    }

    [Fact]
    public void A_malformed_secret_path_stops_the_service_at_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new JobTypeRegistry([new TestJobType(["headers..Authorization"])]));

        Assert.Contains("headers..Authorization", error.Message);
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;
}

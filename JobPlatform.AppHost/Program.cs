using JobPlatform.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

var redis = builder.AddRedis("redis");
var jobsDb = builder.AddPostgres("postgres").AddDatabase("jobsdb");
var messaging = builder.AddRabbitMQ("messaging");
var operatorKey = builder.AddParameter("operator-api-key", secret: true);
string[] tiers = ["free", "standard", "premium", "enterprise"];
var demoKeys = tiers.ToDictionary(tier => tier, tier => builder.AddParameter($"demo-key-{tier}", secret: true));

// The external providers' credentials. Here the sandbox below stands in for the providers and checks them. A
// production AppHost declares no sandbox, is given the real credentials (Parameters__apify-token=..., never shown),
// and points the workers' Providers__*__BaseUrl at the providers themselves.
var providerCredentials = new[]
{
    ("Providers__Apify__Token", builder.AddParameter("apify-token", secret: true)),
    ("Providers__FacebookGraph__AccessToken", builder.AddParameter("facebook-access-token", secret: true)),
    ("Providers__OpenAI__ApiKey", builder.AddParameter("openai-api-key", secret: true)),
    ("Providers__Media__AccessKey", builder.AddParameter("media-store-access-key", secret: true)),
    ("Providers__Media__SecretKey", builder.AddParameter("media-store-secret-key", secret: true)),
};
var providers = builder.AddProject<Projects.JobPlatform_ProviderSandbox>("providers")
    .WithEnvironment(providerCredentials)
    .WithHttpHealthCheck("/health");

var api = builder.AddProject<Projects.JobPlatform_Api>("api")
    .WithReference(redis).WithReference(jobsDb).WithReference(messaging)
    .WaitFor(redis).WaitFor(jobsDb).WaitFor(messaging)
    .WithEnvironment("Operator__ApiKey", operatorKey)
    .WithEnvironment(demoKeys.Select(demo => ($"Demo__Keys__{demo.Key}", demo.Value)))
    .WithHttpEndpoint(port: 5080).WithExternalHttpEndpoints()
    .WithReplicas(2)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.JobPlatform_Workers>("workers")
    .WithReference(redis).WithReference(jobsDb).WithReference(messaging).WithReference(providers)
    .WaitFor(redis).WaitFor(jobsDb).WaitFor(messaging).WaitFor(providers)
    .WithEnvironment(providerCredentials)
    .WithReplicas(2)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.JobPlatform_AiWorkers>("ai-workers")
    .WithReference(redis).WithReference(jobsDb).WithReference(messaging).WithReference(providers)
    .WaitFor(redis).WaitFor(jobsDb).WaitFor(messaging).WaitFor(providers)
    .WithEnvironment(providerCredentials)
    .WithHttpHealthCheck("/health");

await builder.Build().RunAsync();

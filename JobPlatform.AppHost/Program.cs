using JobPlatform.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

var redis = builder.AddRedis("redis");
var jobsDb = builder.AddPostgres("postgres").AddDatabase("jobsdb");
var messaging = builder.AddRabbitMQ("messaging");
var operatorKey = builder.AddParameter("operator-api-key", secret: true);
string[] tiers = ["free", "standard", "premium", "enterprise"];
var demoKeys = tiers.ToDictionary(tier => tier, tier => builder.AddParameter($"demo-key-{tier}", secret: true));

var api = builder.AddProject<Projects.JobPlatform_Api>("api")
    .WithReference(redis).WithReference(jobsDb).WithReference(messaging)
    .WaitFor(redis).WaitFor(jobsDb).WaitFor(messaging)
    .WithEnvironment("Operator__ApiKey", operatorKey)
    .WithEnvironment(demoKeys.Select(demo => ($"Demo__Keys__{demo.Key}", demo.Value)))
    .WithHttpEndpoint(port: 5080).WithExternalHttpEndpoints()
    .WithReplicas(2)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.JobPlatform_Workers>("workers")
    .WithReference(redis).WithReference(jobsDb).WithReference(messaging)
    .WaitFor(redis).WaitFor(jobsDb).WaitFor(messaging)
    .WithReplicas(2)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.JobPlatform_AiWorkers>("ai-workers")
    .WithReference(redis).WithReference(jobsDb).WithReference(messaging)
    .WaitFor(redis).WaitFor(jobsDb).WaitFor(messaging)
    .WithHttpHealthCheck("/health");

await builder.Build().RunAsync();

namespace JobPlatform.Engine.Jobs;

/// <summary>The priority lanes, most urgent first; each has its own queue per workload (see <see cref="LaneOptions"/>).</summary>
public static class Priorities
{
    public const string Critical = "critical";
    public const string High = "high";
    public const string Normal = "normal";
    public const string Low = "low";

    public static readonly string[] All = [Critical, High, Normal, Low];
}

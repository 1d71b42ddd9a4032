using System.Text.Json.Nodes;

namespace JobPlatform.ProviderSandbox.Apify;

/// <summary>
/// A run's dataset, made item by item on demand: one part per input account, each a count and a way to make its
/// i-th item. A page of a 50,000-follower dataset makes only the page's items.
/// </summary>
internal sealed class ActorDataset(IReadOnlyList<(long Count, Func<long, JsonObject> Item)> parts)
{
    public long Count { get; } = parts.Sum(part => part.Count);

    public JsonObject Item(long index)
    {
        foreach (var (count, item) in parts)
        {
            if (index < count)
            {
                return item(index);
            }

            index -= count;
        }

        throw new ArgumentOutOfRangeException(nameof(index));
    }
}

using System.Text;

namespace Marketplace.Orchestrations.Engine.AzureStorage;

/// <summary>Maps an instance id to its control queue with a hash that is stable across processes (FNV-1a).</summary>
internal static class PartitionHash
{
    public static int PartitionOf(string instanceId, int partitionCount)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(instanceId))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return (int)(hash % (uint)partitionCount);
    }
}

using Marketplace.Shared.Storage;
using Marketplace.Shared.Storage.Queues;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Storage.Queues;

public sealed class QueueNameValidationTests
{
    private static readonly QueueServiceClient Service = new(StorageAccount.Parse("UseDevelopmentStorage=true"));

    [Theory]
    [InlineData("abc")]
    [InlineData("orders-1")]
    [InlineData("a1-b2-c3")]
    [InlineData("123")]
    public void GetQueueClient_WithValidName_ReturnsClientForThatQueue(string name)
    {
        var queue = Service.GetQueueClient(name);

        queue.Name.ShouldBe(name);
        queue.Uri.AbsoluteUri.ShouldEndWith("/devstoreaccount1/" + name);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Orders")]
    [InlineData("orders--1")]
    [InlineData("-orders")]
    [InlineData("orders-")]
    [InlineData("orders_1")]
    [InlineData("orders.1")]
    [InlineData("")]
    public void GetQueueClient_WithInvalidName_ThrowsNamingTheBadName(string name)
    {
        var ex = Should.Throw<ArgumentException>(() => Service.GetQueueClient(name));

        ex.Message.ShouldContain($"'{name}' is not a valid queue name");
        ex.ParamName.ShouldBe("queueName");
    }

    [Fact]
    public void GetQueueClient_With64Characters_Throws()
    {
        Should.Throw<ArgumentException>(() => Service.GetQueueClient(new string('a', 64)));
        Service.GetQueueClient(new string('a', 63)).Name.Length.ShouldBe(63);
    }

    [Fact]
    public void PoisonPolicy_ForNameTooLongForPoisonSuffix_ThrowsNamingTheQueue()
    {
        var queue = Service.GetQueueClient(new string('a', 57));

        var ex = Should.Throw<ArgumentException>(() => new QueuePoisonPolicy(queue));

        ex.Message.ShouldContain(queue.Name);
        new QueuePoisonPolicy(Service.GetQueueClient(new string('a', 56))).PoisonQueue.Name.Length.ShouldBe(63);
    }
}

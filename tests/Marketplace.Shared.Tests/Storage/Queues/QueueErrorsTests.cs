using Azure;
using Marketplace.Shared.Storage.Queues;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Storage.Queues;

public sealed class QueueErrorsTests
{
    [Theory]
    [InlineData(404, "MessageNotFound", true)]
    [InlineData(400, "PopReceiptMismatch", true)]
    [InlineData(404, "QueueNotFound", false)]
    [InlineData(400, "InvalidQueryParameterValue", false)]
    [InlineData(500, null, false)]
    public void IsStalePopReceipt_ClassifiesByStatusAndErrorCode(int status, string? errorCode, bool expected) =>
        new RequestFailedException(status, "failed", errorCode, null).IsStalePopReceipt().ShouldBe(expected);
}

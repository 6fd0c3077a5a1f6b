using Marketplace.Shared.Storage.Tables;
using Shouldly;
using Xunit;

namespace Marketplace.Shared.Tests.Storage.Tables;

public sealed class TableFilterTests
{
    [Fact]
    public void Create_QuotesEachInterpolatedValueAsItsLiteral()
    {
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var when = new DateTimeOffset(2024, 1, 2, 4, 4, 5, TimeSpan.FromHours(1));

        var filter = TableFilter.Create($"PartitionKey eq {"O'Brien"} and Id eq {id} and At lt {when} and N eq {5L} and I eq {7} and D eq {2.0} and B eq {true} and X eq {new byte[] { 10, 255 }}");

        filter.ShouldBe("PartitionKey eq 'O''Brien' and Id eq guid'0f8fad5b-d9cb-469f-a165-70867728950e' and At lt datetime'2024-01-02T03:04:05.0000000Z'" +
            " and N eq 5L and I eq 7 and D eq 2.0 and B eq true and X eq X'0aff'");
    }

    [Fact]
    public void Create_IgnoresFormatSpecifiersAndKeepsEscapedBraces()
    {
        TableFilter.Create($"A eq {5L:D8} and B eq '{{x}}'").ShouldBe("A eq 5L and B eq '{x}'");
    }

    [Fact]
    public void Combinators_Parenthesise()
    {
        TableFilter.Or(TableFilter.Equal("A", 1), TableFilter.And(TableFilter.NotEqual("B", "x"), TableFilter.LessThanOrEqual("C", 2.5)))
            .ShouldBe("(A eq 1) or ((B ne 'x') and (C le 2.5))");
    }

    [Fact]
    public void InvalidPropertyOrValue_Throws()
    {
        Should.Throw<ArgumentException>(() => TableFilter.Equal("A eq 1 or B", 1)).Message.ShouldContain("property name");
        Should.Throw<ArgumentException>(() => TableFilter.Literal(1.5m)).Message.ShouldContain("Decimal");
    }
}

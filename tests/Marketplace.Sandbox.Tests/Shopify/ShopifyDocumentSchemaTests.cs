using System.Reflection;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;
using Marketplace.Sandbox.Shopify.GraphQl;
using Marketplace.Shared.Shopify;
using Shouldly;
using Xunit;

namespace Marketplace.Sandbox.Tests.Shopify;

/// <summary>
/// Every GraphQL document the app can send (queries, mutations, the bulk query, the JSONL mutation template) is
/// validated against Shopify's published Admin 2026-10 schema, with a value of each declared variable's type.
/// </summary>
public sealed class ShopifyDocumentSchemaTests
{
    // Parts of documents, not documents: they are validated inside the documents that use them.
    private static readonly HashSet<string> Fragments = ["ProductRefFields", "ProductFields"];

    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var name in AppDocuments().Keys)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task AppDocument_IsValidAgainstTheAdminSchema(string name)
    {
        var query = AppDocuments()[name];
        var document = GraphQLParser.Parser.Parse(query);

        var (_, _, _, errors) = await ShopifyAdminSchema.PrepareAsync(query, SampleVariables(document), null);

        errors.ShouldBeEmpty(string.Join("\n", errors.Select(e => e!.ToJsonString())));
    }

    [Fact]
    public void AppDocuments_AreAllFound()
    {
        AppDocuments().Keys.ShouldContain("ProductSet");
        AppDocuments().Keys.ShouldContain("BulkProductSet");
        AppDocuments().Count.ShouldBeGreaterThanOrEqualTo(20);
    }

    [Theory]
    [InlineData("ProductsPage", 10, 832)]
    [InlineData("OrdersPage", 3, 770)]
    [InlineData("VariantBySkuWithProduct", 5, 422)]
    public async Task PagedDocuments_AtTheAppsPageSizes_StayUnderShopifysSingleQueryLimit(string name, int first, int expectedCost)
    {
        var query = AppDocuments()[name];
        var variables = new Inputs(new Dictionary<string, object?> { ["first"] = first, ["query"] = "x" });
        var (document, operation, coerced, errors) = await ShopifyAdminSchema.PrepareAsync(query, variables, null);
        errors.ShouldBeEmpty();

        var cost = new SandboxQueryCost(ShopifyAdminSchema.Instance, document!, coerced!, mutationCost: 10).Requested(operation!);

        cost.ShouldBe(expectedCost);
        cost.ShouldBeLessThanOrEqualTo(SandboxQueryCost.MaxCost);
    }

    [Fact]
    public async Task UnknownField_FailsWithShopifysMessage()
    {
        var (_, _, _, errors) = await ShopifyAdminSchema.PrepareAsync("query q { shop { nam } }", Inputs.Empty, null);

        var error = errors.ShouldHaveSingleItem()!;
        error["message"]!.GetValue<string>().ShouldBe("Field 'nam' doesn't exist on type 'Shop'");
        error["extensions"]!["code"]!.GetValue<string>().ShouldBe("undefinedField");
        error["path"]!.ToJsonString().ShouldBe("""["query q","shop","nam"]""");
        error["locations"]![0]!["column"]!.GetValue<int>().ShouldBe(18);
    }

    [Fact]
    public async Task WrongArgumentAndWrongVariableType_Fail()
    {
        var (_, _, _, argument) = await ShopifyAdminSchema.PrepareAsync("{ products(frist: 5) { nodes { id } } }", Inputs.Empty, null);
        var (_, _, _, variable) = await ShopifyAdminSchema.PrepareAsync("query($first: String) { products(first: $first) { nodes { id } } }", Inputs.Empty, null);

        argument.ShouldHaveSingleItem()!["message"]!.GetValue<string>().ShouldBe("Field 'products' doesn't accept argument 'frist'");
        variable.ShouldNotBeEmpty();
    }

    private static Dictionary<string, string> AppDocuments()
    {
        var documents = typeof(ShopifyClient).Assembly.GetType("Marketplace.Shared.Shopify.ShopifyDocuments", throwOnError: true)!;
        return documents.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string) && !Fragments.Contains(f.Name))
            .ToDictionary(f => f.Name, f => ((string)f.GetRawConstantValue()!).Replace("{0}", "sandbox-key", StringComparison.Ordinal));
    }

    // A value of each variable's declared type, so the variable definitions are checked too.
    private static Inputs SampleVariables(GraphQLDocument document)
    {
        var values = new Dictionary<string, object?>();
        foreach (var definition in document.Definitions.OfType<GraphQLOperationDefinition>().SelectMany(o => o.Variables?.Items ?? []))
        {
            values[definition.Variable.Name.StringValue] = Sample(definition.Type);
        }

        return new Inputs(values);
    }

    private static object? Sample(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => Sample(nonNull.Type),
        GraphQLListType list => new List<object?> { Sample(list.Type) },
        GraphQLNamedType named => Sample(ShopifyAdminSchema.Instance.AllTypes[named.Name.StringValue]!),
        _ => null,
    };

    private static object? Sample(IGraphType type) => type switch
    {
        NonNullGraphType nonNull => Sample(nonNull.ResolvedType!),
        ListGraphType list => new List<object?> { Sample(list.ResolvedType!) },
        EnumerationGraphType enumeration => enumeration.Values.First().Name,
        IntGraphType => 1,
        FloatGraphType => 1.5,
        BooleanGraphType => true,
        IInputObjectGraphType { IsOneOf: true } oneOf => new Dictionary<string, object?> { [oneOf.Fields.First().Name] = Sample(oneOf.Fields.First().ResolvedType!) },
        IInputObjectGraphType input => input.Fields.Where(f => f.ResolvedType is NonNullGraphType).ToDictionary(f => f.Name, f => Sample(f.ResolvedType!)),
        _ => "gid://shopify/Product/1",
    };
}

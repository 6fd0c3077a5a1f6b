using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Marketplace.Shared.Storage.Tables;

/// <summary>
/// Builds OData filter expressions for <see cref="TableClient.QueryAsync"/> with values quoted as OData
/// literals, so a value can never change the expression (as Azure.Data.Tables' <c>TableClient.CreateQueryFilter</c>):
/// strings <c>'O''Brien'</c>, <c>datetime'2024-01-02T03:04:05.0000000Z'</c>, <c>guid'...'</c>, <c>123L</c>,
/// <c>true</c>, <c>X'0a0b'</c>, <c>null</c>.
/// </summary>
public static partial class TableFilter
{
    /// <summary>
    /// Formats <paramref name="filter"/> quoting each interpolated value as a literal:
    /// <c>TableFilter.Create($"PartitionKey eq {pk} and RowKey ge {rk}")</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A value has a type that has no OData literal.</exception>
    public static string Create(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var arguments = filter.GetArguments().Select(a => (object)Literal(a)).ToArray();
        return string.Format(CultureInfo.InvariantCulture, StripFormats(filter.Format), arguments);
    }

    /// <summary><c>property eq value</c>.</summary>
    public static string Equal(string property, object? value) => Compare(property, "eq", value);

    /// <summary><c>property ne value</c>.</summary>
    public static string NotEqual(string property, object? value) => Compare(property, "ne", value);

    /// <summary><c>property gt value</c>.</summary>
    public static string GreaterThan(string property, object? value) => Compare(property, "gt", value);

    /// <summary><c>property ge value</c>.</summary>
    public static string GreaterThanOrEqual(string property, object? value) => Compare(property, "ge", value);

    /// <summary><c>property lt value</c>.</summary>
    public static string LessThan(string property, object? value) => Compare(property, "lt", value);

    /// <summary><c>property le value</c>.</summary>
    public static string LessThanOrEqual(string property, object? value) => Compare(property, "le", value);

    /// <summary>All conditions: <c>(a) and (b) ...</c>.</summary>
    public static string And(params string[] conditions) => Combine("and", conditions);

    /// <summary>Any condition: <c>(a) or (b) ...</c>.</summary>
    public static string Or(params string[] conditions) => Combine("or", conditions);

    /// <summary><c>not (condition)</c>.</summary>
    public static string Not(string condition) => $"not ({condition})";

    /// <summary>The OData literal for a value of a type Table storage supports (or <see cref="DateTime"/>, char).</summary>
    /// <exception cref="ArgumentException">The type has no literal.</exception>
    public static string Literal(object? value) => value switch
    {
        null => "null",
        string s => Quote(s),
        char c => Quote(c.ToString()),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d => DoubleLiteral(d),
        DateTimeOffset dto => $"datetime'{dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)}'",
        DateTime dt => Literal(TableEntityJson.ToDateTimeOffset(dt)),
        Guid g => $"guid'{g:D}'",
        byte[] bytes => $"X'{Convert.ToHexStringLower(bytes)}'",
        _ => throw new ArgumentException($"A {value.GetType().Name} cannot be used in a table filter; use string, bool, int, long, double, DateTimeOffset, Guid or byte[].", nameof(value)),
    };

    private static string Compare(string property, string op, object? value)
    {
        if (!PropertyName().IsMatch(property ?? string.Empty))
        {
            throw new ArgumentException($"'{property}' is not a valid property name for a filter (letters, digits and '_', not starting with a digit).", nameof(property));
        }

        return $"{property} {op} {Literal(value)}";
    }

    private static string Combine(string op, string[] conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        if (conditions.Length == 0 || conditions.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"'{op}' needs at least one condition and no empty ones.", nameof(conditions));
        }

        return conditions.Length == 1 ? conditions[0] : string.Join($" {op} ", conditions.Select(c => $"({c})"));
    }

    private static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string DoubleLiteral(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException("NaN and infinity have no OData literal.", nameof(value));
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny(".E") < 0 ? text + ".0" : text;
    }

    // Literal() decides the formatting, so format specifiers and alignments in the template are dropped.
    private static string StripFormats(string format)
    {
        var builder = new StringBuilder(format.Length);
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            builder.Append(c);
            if (c == '{' && i + 1 < format.Length && format[i + 1] == '{')
            {
                builder.Append(format[++i]);
            }
            else if (c == '{')
            {
                var end = format.IndexOf('}', i);
                var hole = format[(i + 1)..end];
                builder.Append(hole.Split(',', ':')[0]).Append('}');
                i = end;
            }
            else if (c == '}' && i + 1 < format.Length && format[i + 1] == '}')
            {
                builder.Append(format[++i]);
            }
        }

        return builder.ToString();
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PropertyName();
}

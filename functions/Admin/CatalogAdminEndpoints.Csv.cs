using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Csv;
using static Marketplace.Functions.Admin.CatalogAdminHttp;

namespace Marketplace.Functions.Admin;

internal static partial class CatalogAdminEndpoints
{
    private static void MapCsv(RouteGroupBuilder api, long maxUploadBytes)
    {
        // The upload is spooled to a temporary file (never held in memory) so the importer can read it twice.
        api.MapPost("/import", async (HttpContext http, CatalogCsvImporter importer, CancellationToken ct) =>
        {
            var applyValidRows = Bool(http.Request.Query["applyValidRows"], "applyValidRows") ?? false;
            var validateOnly = Bool(http.Request.Query["validateOnly"], "validateOnly") ?? false;
            var path = Path.Combine(Path.GetTempPath(), "catalog-import-" + Guid.NewGuid().ToString("N") + ".csv");
            try
            {
                await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
                {
                    await http.Request.Body.CopyToAsync(file, ct);
                }

                Task<Stream> Open(CancellationToken token) => Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan));
                if (validateOnly)
                {
                    await using var stream = await Open(ct);
                    var report = await importer.ValidateAsync(stream, ct);
                    return report.IsValid ? Json(report) : CsvProblem(report);
                }

                var result = await importer.ImportAsync(Open, applyValidRows, Actor(http), ct);
                return result.Validation.IsValid || result.Applied ? Json(result) : CsvProblem(result.Validation);
            }
            finally
            {
                File.Delete(path);
            }
        }).Accepts<Stream>("text/csv").WithMetadata(new Http.RequestBodyLimitMetadata(maxUploadBytes));

        api.MapGet("/export", async (HttpContext http, CatalogCsvExporter exporter, CancellationToken ct) =>
        {
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = "attachment; filename=\"catalog.csv\"";
            await exporter.ExportAsync(http.Response.Body, ct);
            return Results.Empty;
        });
    }

    /// <summary>
    /// 422 in the one problem shape: <c>errors</c> by column (each message names its line), and every error with line and
    /// column as <c>rowErrors</c> (nothing was applied).
    /// </summary>
    private static IResult CsvProblem(CsvValidationReport report) => Http.FunctionResults.Problem(
        StatusCodes.Status422UnprocessableEntity,
        "The CSV file is invalid.",
        $"The file has {report.ErrorCount} error(s) in {report.Rows - report.ValidRows} of {report.Rows} row(s); nothing was applied. Fix them, or import with applyValidRows=true.",
        report.Errors.GroupBy(e => string.IsNullOrEmpty(e.Column) ? "file" : e.Column, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => $"line {e.Line}: {e.Message}").ToArray(), StringComparer.Ordinal),
        new Dictionary<string, object?>
        {
            ["field"] = "file",
            ["rows"] = report.Rows,
            ["validRows"] = report.ValidRows,
            ["errorCount"] = report.ErrorCount,
            ["rowErrors"] = report.Errors.Select(e => new { line = e.Line, column = e.Column, message = e.Message }).ToList(),
        });
}

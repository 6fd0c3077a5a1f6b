using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Shared.Ocr;

/// <summary>Registers the configured <see cref="IOcrReader"/>.</summary>
public static class OcrServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="OcrOptions"/> from <c>Ocr</c> and registers <see cref="IOcrReader"/>: Tesseract by default,
    /// Document Intelligence with <c>Ocr:Engine = documentintelligence</c> (key, or Entra ID through
    /// <see cref="DefaultAzureCredential"/>), or none (<c>Ocr:Engine = none</c>: photos are matched on hints alone).
    /// </summary>
    public static IServiceCollection AddOcr(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OcrOptions>().Bind(configuration.GetSection(OcrOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(nameof(DocumentIntelligenceClient), c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<OcrOptions>>().Value.DocumentIntelligence;
            return new DocumentIntelligenceClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(DocumentIntelligenceClient)), options,
                string.IsNullOrEmpty(options.ApiKey) ? new DefaultAzureCredential() : null, sp.GetService<TimeProvider>(), sp.GetService<ILogger<DocumentIntelligenceClient>>());
        });
        services.AddSingleton<IOcrReader>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<OcrOptions>>().Value;
            return options.Engine.ToLowerInvariant() switch
            {
                "documentintelligence" => new DocumentIntelligenceOcrReader(sp.GetRequiredService<DocumentIntelligenceClient>()),
                "none" => new NoOcrReader(),
                _ => new TesseractOcrReader(options.Tesseract),
            };
        });
        return services;
    }

    private sealed class NoOcrReader : IOcrReader
    {
        public string Engine => "none";

        public Task<OcrResult> ReadAsync(ReadOnlyMemory<byte> image, string contentType, CancellationToken cancellationToken = default) =>
            throw new OcrUnavailableException("OCR is switched off (Ocr:Engine = none).");
    }
}

using Mesa.Server.Configuration;
using Mesa.Server.Security;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Endpoints;

/// <summary>Absolute signed upload/download URLs, on <c>Mesa:PublicBaseUrl</c> or else the request's own origin.</summary>
public sealed class SignedUrls(UrlSigner signer, IOptions<MesaOptions> options)
{
    public static string UploadPath(string jobId) => $"/uploads/{jobId}";
    public static string DownloadPath(string jobId, JobDownload download) => $"/downloads/{jobId}/{download.Name}";

    public (string Url, DateTimeOffset Expires) Upload(HttpRequest request, string jobId) => Absolute(request, signer.Sign(HttpMethods.Put, UploadPath(jobId)));

    public (string Url, DateTimeOffset Expires) Download(HttpRequest request, string jobId, JobDownload download) =>
        Absolute(request, signer.Sign(HttpMethods.Get, DownloadPath(jobId, download)));

    private (string, DateTimeOffset) Absolute(HttpRequest request, (string PathAndQuery, DateTimeOffset Expires) signed)
    {
        return (PublicOrigin.Of(request, options.Value) + signed.PathAndQuery, signed.Expires);
    }
}

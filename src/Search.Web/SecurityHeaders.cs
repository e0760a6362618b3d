using Microsoft.AspNetCore.Http;

namespace Search.Web;

/// <summary>
/// Headers on every response that keep a document's text from ever acting as code: no MIME sniffing, no
/// inline or foreign script (so even a missed escape could not run), no framing, no referrer to the sites
/// the archive links to.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static void Add(HttpResponse response)
    {
        var h = response.Headers;
        h.XContentTypeOptions = "nosniff";
        h.ContentSecurityPolicy = ContentSecurityPolicy;
        h["Referrer-Policy"] = "no-referrer";
        h.XFrameOptions = "DENY";
        h["Cross-Origin-Opener-Policy"] = "same-origin";
    }
}

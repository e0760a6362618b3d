using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Search.Web;

/// <summary>
/// Turns exceptions into JSON errors: bad input is a 400 (or 413 for a body over the limit) with its message,
/// anything unexpected a 500 that says nothing about the inside (the details go to the log only).
/// Pages (not <c>/api</c>) get the same status with a short HTML message.
/// </summary>
internal sealed class ErrorHandling(RequestDelegate next, ILogger<ErrorHandling> log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var (status, message, position) = e switch
            {
                QueryException q => (400, q.Message, q.Position),
                BadParameterException b => (400, b.Message, (int?)null),
                BadHttpRequestException b => (b.StatusCode, b.StatusCode == 413 ? "The request body is larger than the limit." : "The request is malformed.", null),
                JsonException j => (400, "The request body is not valid JSON" + (j.LineNumber is { } l ? $" (line {l + 1}, byte {j.BytePositionInLine + 1})" : "") + ".", null),
                _ => (500, "Internal error; it has been logged.", null),
            };
            if (status == 500)
                log.LogError(e, "Unhandled exception for {Method} {Path}", context.Request.Method, context.Request.Path);
            if (IsApi(context))
                await ErrorResults.WriteAsync(context, status, message, position);
            else
                await Pages.WriteErrorPageAsync(context, status, message);
        }
    }

    public static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/health");
}

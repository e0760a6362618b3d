using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Search.Web;

/// <summary>The JSON body of every error the API returns: a message meant for people, and where in the query.</summary>
/// <param name="Error">What went wrong, in words.</param>
/// <param name="Position">The 0-based character position in the query, when the error is in the query.</param>
public sealed record ApiError(string Error, int? Position = null);

/// <summary>A request parameter that cannot be used; answered with 400 and its message.</summary>
internal sealed class BadParameterException(string message) : Exception(message);

/// <summary>Writes errors as <see cref="ApiError"/> JSON.</summary>
internal static class ErrorResults
{
    public static IResult Json(int status, string message, int? position = null) =>
        HttpResults.Json(new ApiError(message, position), SearchWebApp.JsonOptions, statusCode: status);

    public static Task WriteAsync(HttpContext context, int status, string message, int? position = null)
    {
        context.Response.Clear(); // clears the headers too: put the security headers back
        context.Response.StatusCode = status;
        SecurityHeaders.Add(context.Response);
        return context.Response.WriteAsJsonAsync(new ApiError(message, position), SearchWebApp.JsonOptions);
    }
}

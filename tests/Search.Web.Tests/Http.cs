using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Search.Web.Tests;

public static class Http
{
    public static async Task<(int Status, JsonElement Json)> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json",
            $"{path}: expected JSON, got {response.Content.Headers.ContentType} ({(int)response.StatusCode}): {text[..Math.Min(text.Length, 300)]}");
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>
    /// Sends a request line exactly as written (HttpClient would normalise "/../" away before sending),
    /// and returns the status and the whole response.
    /// </summary>
    public static async Task<(int Status, string Response)> RawGetAsync(Uri server, string target)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        using var stream = tcp.GetStream();
        var request = $"GET {target} HTTP/1.1\r\nHost: {server.Host}:{server.Port}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.Latin1);
        var response = await reader.ReadToEndAsync();
        var statusLine = response.Split("\r\n", 2)[0];
        var parts = statusLine.Split(' ');
        return (parts.Length > 1 && int.TryParse(parts[1], out var s) ? s : 0, response);
    }
}

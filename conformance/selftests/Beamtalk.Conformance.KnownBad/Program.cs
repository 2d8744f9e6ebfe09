using System.Net;
using System.Net.Sockets;
using Beamtalk.Conformance.KnownBad;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// A deliberately small workspace for the suite's self-tests (see FixtureOptions for usage). It runs
// in the foreground, writes DIR/port when listening, and stops on SIGTERM or an authenticated shutdown.
if (args is ["compiler-daemon", var socketPath, var access, var atParentExit])
{
    return await FixtureCompiler.ServeAsync(socketPath, access == "open", atParentExit == "stay");
}

if (FixtureOptions.Parse(args) is not { } options)
{
    Console.Error.WriteLine(FixtureOptions.Usage);
    return 2;
}

var bind = options.Bind ?? (options.Has(Defect.BindsAllInterfaces) ? IPAddress.Any : IPAddress.Loopback);
if (options.Bind is { } asked && !IPAddress.IsLoopback(asked) && !options.ConfirmNetwork && !options.Has(Defect.BindsWithoutOptIn))
{
    Console.Error.WriteLine($"refusing to bind {bind}: add --confirm-network to accept connections from the network");
    return 2;
}

// One server per workspace: the lock comes before the cookie, so only its holder may create one.
// Directory.CreateDirectory(path, mode) gives the mode to the last folder only: its parents get the umask's.
var parent = Path.GetDirectoryName(Path.GetFullPath(options.Directory))!;
if (options.Has(Defect.ParentFoldersUnderUmask) || options.Has(Defect.CookieUnderUmask))
{
    Directory.CreateDirectory(parent);
}
else
{
    Directory.CreateDirectory(parent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
}

if (options.Has(Defect.CookieUnderUmask))
{
    Directory.CreateDirectory(options.Directory);
}
else
{
    Directory.CreateDirectory(options.Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
}

FileStream? serverLock = null;
if (!options.Has(Defect.NoStartLock))
{
    try
    {
        serverLock = new FileStream(Path.Combine(options.Directory, "server.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
    }
    catch (IOException)
    {
        Console.Error.WriteLine("refusing to start: this workspace is already running");
        return 1;
    }
}

using var heldLock = serverLock;
if (FixtureCookie.Open(options) is not { } cookie)
{
    return 1;
}

if (options.Has(Defect.DeletesCookieAfterReading))
{
    File.Delete(options.CookiePath);
}

File.AppendAllText(options.LogPath, "{\"event\":\"started\"}\n");
if (options.Has(Defect.LogsCookieHex))
{
    File.AppendAllText(options.LogPath, $"{{\"event\":\"debug\",\"secret\":\"{Convert.ToHexStringLower(System.Buffers.Text.Base64Url.DecodeFromChars(cookie))}\"}}\n");
}

// A "crash dump" outside the workspace's home, where a scan of the home never looks; removed again at shutdown.
var dump = options.Has(Defect.DumpsCookieOutsideHome) ? Path.Combine(Path.GetTempPath(), $"known-bad-{Environment.ProcessId}.dump") : null;
if (dump is not null)
{
    File.WriteAllText(dump, $"state: {{cookie, <<\"{cookie}\">>}}\n");
}

if (options.Has(Defect.LogsCookiePiece))
{
    File.AppendAllText(options.LogPath, $"{{\"event\":\"session\",\"tag\":\"{cookie[8..22]}\"}}\n");
}

using var udp = options.Has(Defect.OpensUdpOnAllInterfaces) ? new UdpClient(new IPEndPoint(IPAddress.Any, 0)) : null;
using var helpers = FixtureHelpers.Start(options, cookie);

var port = options.Port ?? (options.Has(Defect.PredictablePort) ? 20000 + (Environment.ProcessId % 5000) : 0);
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseKestrel(k => k.Listen(bind, port));
var app = builder.Build();
var server = new FixtureServer(options, cookie, app.Services.GetRequiredService<IHostApplicationLifetime>());
app.UseWebSockets();
app.Map("/ws", server.HandleAsync);

await app.StartAsync();
server.Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()
    .Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "[::1]", StringComparison.Ordinal)).Port;
if (!IPAddress.IsLoopback(bind) && options.ConfirmNetwork)
{
    Console.Error.WriteLine($"WARNING: REPL server bound to {bind}:{server.Port}, accepting connections from the network.");
}

var portFile = Path.Combine(options.Directory, "port");
if (options.Has(Defect.WritesPortFileInPlace))
{
    File.WriteAllText(portFile, $"{server.Port}\n");
}
else
{
    // A client polling for the port file must never read part of a port: write aside, then rename into place.
    File.WriteAllText(portFile + ".tmp", $"{server.Port}\n");
    File.Move(portFile + ".tmp", portFile, overwrite: true);
}

Console.WriteLine($"known-bad workspace listening on {bind}:{server.Port}");
await app.WaitForShutdownAsync();
if (dump is not null)
{
    File.Delete(dump);
}

return 0;

using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Marketplace.Orchestrations.Tests.Operations;

/// <summary>A real SMTP server (the SmtpServer package) on a free loopback port that keeps every message it accepts.</summary>
internal sealed class SmtpSink : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Store _store = new();
    private Task _running = Task.CompletedTask;

    public int Port { get; private init; }

    public IReadOnlyCollection<MimeMessage> Messages => _store.Messages;

    public static SmtpSink Start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var sink = new SmtpSink { Port = port };
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(sink._store);
        sink._running = new SmtpServer.SmtpServer(options, services).StartAsync(sink._stop.Token);
        return sink;
    }

    /// <summary>Waits until <paramref name="count"/> messages arrived (or a minute passed) and returns what is there.</summary>
    public async Task<IReadOnlyCollection<MimeMessage>> WaitForAsync(int count)
    {
        for (var i = 0; i < 600 && _store.Messages.Count < count; i++)
        {
            await Task.Delay(100);
        }

        return _store.Messages;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopped as asked.
        }

        _stop.Dispose();
    }

    private sealed class Store : MessageStore
    {
        private readonly ConcurrentQueue<MimeMessage> _messages = new();

        public IReadOnlyCollection<MimeMessage> Messages => _messages;

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            _messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}

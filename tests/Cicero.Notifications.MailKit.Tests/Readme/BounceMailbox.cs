using Cicero.Notifications;
using Cicero.Notifications.MailKit;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MyLibrary.Notifications;

/// <summary>Every five minutes, applies the bounces in the mailbox that receives the library's bounces.</summary>
public sealed class BounceMailbox(IDeliveryReceipts receipts, TimeProvider time, IConfiguration configuration, ILogger<BounceMailbox> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var mailbox = configuration.GetRequiredSection("Bounces"); // Host, UserName, Password (from a secret store)
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(5), time);
        do
        {
            try
            {
                using var imap = new ImapClient();
                await imap.ConnectAsync(mailbox["Host"]!, 993, MailKit.Security.SecureSocketOptions.SslOnConnect, stoppingToken);
                await imap.AuthenticateAsync(mailbox["UserName"]!, mailbox["Password"]!, stoppingToken);
                await imap.Inbox.OpenAsync(FolderAccess.ReadWrite, stoppingToken);
                foreach (var uid in await imap.Inbox.SearchAsync(SearchQuery.NotSeen, stoppingToken))
                {
                    using var mail = await imap.Inbox.GetMessageAsync(uid, stoppingToken);
                    var results = await receipts.ApplyBounceAsync(mail, time.GetUtcNow(), cancellationToken: stoppingToken);
                    // A bounce goes once its receipts are stored; any other mail stays, read, for a person to look at.
                    await imap.Inbox.AddFlagsAsync(uid, results.Count > 0 ? MessageFlags.Deleted : MessageFlags.Seen, silent: true, stoppingToken);
                }

                await imap.Inbox.ExpungeAsync(stoppingToken);
                await imap.DisconnectAsync(quit: true, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Reading the bounce mailbox failed; trying again in five minutes.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

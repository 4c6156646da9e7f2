using System.Globalization;
using Cicero.Notifications.Configuration;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Sending;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cicero.Notifications.Staff;

/// <summary>Print runs of waiting letters: list them, mark them Sent with the run in one store step, and render the run.</summary>
internal sealed class LetterRuns(ServerSetup setup, StaffView view, IMessageStore store, TimeProvider time, CiceroTelemetry telemetry, ILogger<LetterRuns>? logger = null) : ILetterRuns
{
    private readonly ILogger _logger = logger ?? NullLogger<LetterRuns>.Instance;
    private readonly TimeZoneInfo _zone = LibraryTimeZone.Find(setup.Options.TimeZone);

    public async Task<LetterRun> CollectAsync(Protocol protocol, string staffId, string? branch = null, CultureInfo? culture = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        StaffId.Check(staffId);
        if (!setup.Catalog.IsCollected(protocol))
        {
            throw new ArgumentException($"Protocol '{protocol}' is not collected: set \"Delivery\": \"Collected\" on it in UserDefinedProtocols.", nameof(protocol));
        }

        var code = branch is null ? null : setup.FindBranch(branch)
            ?? throw new ArgumentException($"Branch '{(BranchCode.IsValid(branch) ? branch : "?")}' is not set up: add it to CiceroNotificationsOptions.Branches.", nameof(branch));
        var staffCulture = view.StaffCulture(culture);
        var now = time.GetUtcNow();
        var run = new LetterRunRecord(Guid.CreateVersion7(now), protocol, code, staffCulture.Name, now, []);
        var waiting = await store.ListWaitingLettersAsync(protocol, code, now, ILetterRuns.MaxLetters, cancellationToken).ConfigureAwait(false);

        // One step marks every letter this run gets and keeps the run: a letter another run took first is left out. With
        // nothing waiting there is no step at all (the store would keep no run either).
        var collected = waiting.Count == 0
            ? []
            : await store.CollectLettersAsync(run, [.. waiting.Select(letter => letter.MarkCollected(now, run.Id, staffId))], cancellationToken).ConfigureAwait(false);
        foreach (var letter in collected)
        {
            telemetry.Sent(letter.Protocol);
        }

        Log.LettersCollected(_logger, protocol, collected.Count, waiting.Count - collected.Count);
        return Render(run with { MessageIds = [.. collected.Select(m => m.Id)] }, collected);
    }

    public async Task<LetterRun?> ReprintAsync(Guid runId, CancellationToken cancellationToken = default)
    {
        if (await store.GetLetterRunAsync(runId, cancellationToken).ConfigureAwait(false) is not { } run)
        {
            return null;
        }

        var letters = new List<Message>(run.MessageIds.Count);
        foreach (var id in run.MessageIds)
        {
            if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } letter)
            {
                letters.Add(letter);
            }
        }

        return Render(run, letters);
    }

    public async Task<IReadOnlyList<LetterRunSummary>> ListAsync(int limit = 20, CultureInfo? culture = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, ILetterRuns.MaxListed);
        var staffCulture = view.StaffCulture(culture);
        var runs = await store.ListLetterRunsAsync(limit, cancellationToken).ConfigureAwait(false);
        return [.. runs.Select(run => new LetterRunSummary(
            run.Id,
            run.Protocol,
            view.ProtocolName(run.Protocol, staffCulture),
            run.Branch,
            run.Branch is null ? null : view.BranchName(run.Branch, staffCulture),
            run.CollectedAt,
            run.MessageIds.Count))];
    }

    private LetterRun Render(LetterRunRecord run, IReadOnlyList<Message> letters)
    {
        var culture = CultureInfo.GetCultureInfo(run.Culture);
        var document = new LetterRunDocument(setup.Options.LibraryName, culture, _zone, view);
        return new LetterRun(run.Id, run.Protocol, run.Branch, run.CollectedAt, run.MessageIds, document.Html(run, letters), document.Csv(letters));
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Samples.Console.Channels;
using Cicero.Notifications.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Samples.Console;

/// <summary>
/// The story: seven borrowers, a morning of notices, the staff's message queue, an e-mail address verified, a letter
/// printed, and the nights that follow. One method per section; everything goes through the services a host resolves,
/// and only the story moves the clock.
/// </summary>
internal sealed partial class LibraryDay
{
    /// <summary>When the story starts: Monday 30 November 2026, 09:00 in Copenhagen.</summary>
    public static readonly DateTime Start = new(2026, 11, 30, 9, 0, 0, DateTimeKind.Unspecified);

    private const string Staff = "jens";
    private const string MadsEmail = "mads.berg@example.dk";
    private static readonly PageRequest AllOnOnePage = new(50);

    private readonly IServiceProvider _services;
    private readonly SimulatedClock _clock;
    private readonly TextWriter _output;
    private readonly string _dataFolder;
    private readonly int _run;
    private readonly SampleBorrower _karen, _mads, _ellen, _jonas, _company, _sofie, _peter;
    private int _section;

    private LibraryDay(IServiceProvider services, SimulatedClock clock, TextWriter output, string dataFolder, int run)
    {
        (_services, _clock, _output, _dataFolder, _run) = (services, clock, output, dataFolder, run);
        _karen = Borrower(1, "Karen", "Karen Holm");
        _mads = Borrower(2, "Mads", "Mads Berg");
        _ellen = Borrower(3, "Ellen", "Ellen Vinther");
        _jonas = Borrower(4, "Jonas", "Jonas Krogh");
        _company = Borrower(5, "Tømrer", "Byens Tømrer ApS");
        _sofie = Borrower(6, "Sofie", "Sofie Dahl");
        _peter = Borrower(7, "Peter", "Peter Lund");
    }

    private SampleBorrower[] Everyone => [_karen, _mads, _ellen, _jonas, _company, _sofie, _peter];

    /// <summary>Tells the story on <paramref name="services"/> (built with the SQLite store in <paramref name="dataFolder"/>).</summary>
    public static async Task<LibraryDayResult> RunAsync(IServiceProvider services, SimulatedClock clock, TextWriter output, string dataFolder, CancellationToken cancellationToken = default)
    {
        // Each run adds its own borrowers to the database: run 1 has L-101 … L-107, run 2 L-201 … L-207.
        var profiles = services.GetRequiredService<IBorrowerProfiles>();
        var run = 1;
        while (await profiles.GetAsync(BorrowerId.Parse(Id(run, 1)), cancellationToken) is not null)
        {
            run++;
        }

        return await new LibraryDay(services, clock, output, dataFolder, run).TellAsync(cancellationToken);
    }

    private async Task<LibraryDayResult> TellAsync(CancellationToken ct)
    {
        _output.WriteLine($"Cicero.Notifications sample: a day at {LibrarySetup.LibraryName}");
        _output.WriteLine($"Database: {Path.GetFullPath(SampleData.DatabasePath(_dataFolder))}");
        _output.WriteLine(_run == 1
            ? $"Run 1 on this database: borrowers {_karen.Id} ... {_peter.Id}."
            : $"Run {_run} on this database: borrowers {_karen.Id} ... {_peter.Id}; the earlier runs' borrowers and messages are still in it.");

        await MeetTheBorrowersAsync(ct);
        await SendTheMorningNoticesAsync(ct);
        await DispatchTheMorningAsync(ct);
        await OpenTheMessagesTabAsync(ct);
        var (queueBefore, queueAfter) = await HandleTheMessageQueueAsync(ct);
        var (verification, released) = await MadsVerifiesHisEmailAsync(ct);
        var printed = await PrintALetterAsync(ct);
        await ARefusedSmsFallsBackToALetterAsync(ct);
        var eveningSms = await AnEveningNoticeWaitsForTheMorningAsync(ct);
        var expiryNight = await ThreeNightsLaterAsync(ct);
        var printRun = await TheMorningPrintRunAsync(ct);
        var anonymizationNight = await AMonthLaterAsync(ct);
        return await SummarizeAsync(queueBefore, queueAfter, verification, released, expiryNight, anonymizationNight, printed, ct) with
        {
            EveningSmsWaitedUntil = eveningSms,
            PrintRun = printRun,
        };
    }

    private async Task MeetTheBorrowersAsync(CancellationToken ct)
    {
        Section(Start, "The borrowers");
        var profiles = _services.GetRequiredService<IBorrowerProfiles>();
        foreach (var borrower in Everyone)
        {
            await profiles.CreateAsync(borrower.Id, ct);
        }

        await profiles.AddPhoneAsync(_karen.Id, "20 12 34 56", ContactPurpose.Notification, ContactSource.Import, ct);
        await profiles.AddEmailAsync(_karen.Id, "karen.holm@example.dk", ContactPurpose.Notification, ContactSource.Import, ct);
        await profiles.AddEmailAsync(_mads.Id, MadsEmail, ContactPurpose.Notification, ContactSource.Manual, ct);
        await profiles.SetCvrAsync(_company.Id, "29876541", ct);
        await profiles.OptInAsync(_company.Id, Protocol.DigitalPost.Name, ct);
        await profiles.AddPhoneAsync(_sofie.Id, "31 45 67 89", ContactPurpose.Notification, ContactSource.Manual, ct);
        await profiles.AddEmailAsync(_peter.Id, "peter.lund@example.dk", ContactPurpose.Notification, ContactSource.Manual, ct);

        var table = new TextTable("Borrower", "Name", "Contact details (borrower profile)");
        foreach (var borrower in Everyone)
        {
            var profile = await profiles.GetAsync(borrower.Id, ct);
            table.Add(borrower.Id.Value, borrower.Name, Describe(profile!));
        }

        table.WriteTo(_output);
        _output.WriteLine();
        _output.WriteLine("  Karen's details came with the borrower import, so her e-mail address counts as verified.");
        _output.WriteLine("  Mads and Peter typed theirs at the desk: each gets a verification e-mail, and e-mail to them waits.");
        _output.WriteLine("  Sofie's number is out of service; the SMS gateway will refuse it.");
    }

    private async Task SendTheMorningNoticesAsync(CancellationToken ct)
    {
        Section(Start, "The library system sends notices");
        _output.WriteLine("  INotifier.NotifyAsync decides the protocols and stores every message as Pending before any channel is called.");
        _output.WriteLine();
        var table = new TextTable("Time", "Borrower", "Notice", "Protocol", "Status", "Why");
        await NotifyAsync(table, _karen, NotificationType.ReservationReady, new() { ["title"] = "Kongens Fald", ["pickup_by"] = new DateOnly(2026, 12, 4) }, ct);
        await NotifyAsync(table, _mads, NotificationType.WelcomeBorrower, [], ct);
        await NotifyAsync(table, _ellen, NotificationType.OverdueNotice, new() { ["title"] = "Ternet Ninja", ["due_date"] = new DateOnly(2026, 11, 20) }, ct);
        await NotifyAsync(table, _jonas, NotificationType.ReservationReady, new() { ["title"] = "Den lille prins", ["pickup_by"] = new DateOnly(2026, 12, 4) }, ct);
        await NotifyAsync(table, _company, NotificationType.OverdueNotice, new() { ["title"] = "Bygningskonstruktion", ["due_date"] = new DateOnly(2026, 11, 16) }, ct);
        await NotifyAsync(table, _sofie, NotificationType.ReservationReady, new() { ["title"] = "Harry Potter og De Vises Sten", ["pickup_by"] = new DateOnly(2026, 12, 4) }, ct);
        await NotifyAsync(table, _peter, NotificationType.WelcomeBorrower, [], ct);
        await NotifyAsync(table, _peter, NotificationType.ReservationReady, new() { ["title"] = "Lykke-Per", ["pickup_by"] = new DateOnly(2026, 12, 4) }, ct);
        table.WriteTo(_output);
    }

    private async Task DispatchTheMorningAsync(CancellationToken ct)
    {
        Section(Start.AddMinutes(10), "The dispatcher sends what is due");
        _output.WriteLine("  The channels print instead of sending. The verification e-mails go out too; held e-mails wait.");
        _output.WriteLine();
        await DispatchAsync(ct);
    }

    private async Task OpenTheMessagesTabAsync(CancellationToken ct)
    {
        Section(Start.AddMinutes(15), "The borrowers' Messages tab (IBorrowerMessages)");
        _output.WriteLine("  What staff see on each borrower, newest first. Times are Copenhagen time.");
        _output.WriteLine();
        await WriteMessagesTabAsync(Everyone, ct);
    }

    private async Task<(IReadOnlyList<QueueEntry> Before, IReadOnlyList<QueueEntry> After)> HandleTheMessageQueueAsync(CancellationToken ct)
    {
        Section(Start.AddMinutes(90), "The message queue (Beskedkø)");
        var queue = _services.GetRequiredService<IMessageQueue>();
        var before = await queue.ListAsync(MessageQueueFilter.All, AllOnOnePage, cancellationToken: ct);
        WriteQueue(before.Items);

        var refused = before.Items.Single(r => r.BorrowerId == _sofie.Id);
        const string note = "Nummeret er ikke i brug - sendt som brev";
        await queue.RerouteAsync(refused.Id, LibrarySetup.Print, Staff, note, cancellationToken: ct);
        _output.WriteLine();
        _output.WriteLine($"  Staff member '{Staff}' sends Sofie's notice as a letter: RerouteAsync(id, Print, \"{Staff}\", \"{note}\").");
        _output.WriteLine();

        var after = await queue.ListAsync(MessageQueueFilter.All, AllOnOnePage, cancellationToken: ct);
        WriteQueue(after.Items);
        _output.WriteLine();
        _clock.Advance(TimeSpan.FromMinutes(1));
        await DispatchAsync(ct);
        return (before.Items.Select(ToQueueEntry).ToList(), after.Items.Select(ToQueueEntry).ToList());
    }

    private async Task<(VerificationResult Result, MessageOutcome Released)> MadsVerifiesHisEmailAsync(CancellationToken ct)
    {
        Section(Start.AddHours(2), "Mads verifies his e-mail address");

        // Mads opens the verification e-mail and follows the link; the host's verification page hands the token over.
        var mail = _services.GetRequiredService<ChannelLog>().NewestEmailTo(MadsEmail)
            ?? throw new InvalidOperationException("Mads has no verification e-mail.");
        var token = VerificationLink().Match(mail).Groups["token"].Value;
        var verification = _services.GetRequiredService<IEmailVerification>();
        var check = await verification.CheckAsync(token, ct);
        var result = await verification.VerifyEmailAsync(token, ct);
        _output.WriteLine($"  He follows the link in his e-mail (...?token={token[..6]}...). The page's GET only checks it");
        _output.WriteLine($"  (IEmailVerification.CheckAsync: {check}; mail scanners open links too), and his click on its");
        _output.WriteLine($"  button POSTs it: IEmailVerification.VerifyEmailAsync(token): {result}. His held welcome e-mail is released.");
        _output.WriteLine();

        _clock.Advance(TimeSpan.FromMinutes(1));
        await DispatchAsync(ct);
        var welcome = (await ListAsync(_mads, ct)).Single(m => m.Type == NotificationType.WelcomeBorrower);
        return (result, Outcome(welcome));
    }

    private async Task<string> PrintALetterAsync(CancellationToken ct)
    {
        Section(Start.AddHours(2.5), "A message printed (IMessagePrinter)");
        var letter = (await ListAsync(_ellen, ct)).Single();
        var printed = await _services.GetRequiredService<IMessagePrinter>().PrintAsync(letter.Id, cancellationToken: ct)
            ?? throw new InvalidOperationException("Ellen's letter is gone.");

        var folder = SampleData.PrintedFolder(_dataFolder);
        Directory.CreateDirectory(folder);
        var path = Path.GetFullPath(Path.Combine(folder, $"{_ellen.Id}-{letter.Id}.html"));
        await File.WriteAllTextAsync(path, printed.Html, ct);

        _output.WriteLine($"  Ellen's overdue letter. HTML for the printer (A4, print CSS): {path}");
        _output.WriteLine("  The text version:");
        _output.WriteLine();
        foreach (var line in printed.Text.TrimEnd().Split('\n'))
        {
            _output.WriteLine(("    " + line).TrimEnd());
        }

        return path;
    }

    /// <summary>An overdue notice in the evening: the e-mail goes at once, the SMS keeps the quiet hours and goes at 08:00.</summary>
    private async Task<DateTimeOffset?> AnEveningNoticeWaitsForTheMorningAsync(CancellationToken ct)
    {
        Section(new DateTime(2026, 11, 30, 21, 30, 0, DateTimeKind.Unspecified), "An evening notice: no SMS between 21:00 and 08:00");
        var table = new TextTable("Time", "Borrower", "Notice", "Protocol", "Status", "Why");
        await NotifyAsync(table, _karen, NotificationType.OverdueNotice, new() { ["title"] = "Kaffe og cigaretter", ["due_date"] = new DateOnly(2026, 11, 27) }, ct);
        table.WriteTo(_output);
        _output.WriteLine();
        await DispatchAsync(ct);
        var waiting = (await ListAsync(_karen, ct)).Single(m => m.Type == NotificationType.OverdueNotice && m.Protocol == Protocol.Sms);
        _output.WriteLine($"  Karen's SMS is {waiting.StatusName}: sendes tidligst {Local(waiting.NextAttemptAt!.Value)} (QuietHours:Sms 21:00–08:00, no attempt spent); the e-mail went now.");

        Section(new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Unspecified), "The next morning: the SMS goes at 08:00");
        await DispatchAsync(ct);
        return waiting.NextAttemptAt;
    }

    /// <summary>An overdue notice to Sofie's dead number: the gateway refuses the SMS and the type's fallback sends a letter.</summary>
    private async Task ARefusedSmsFallsBackToALetterAsync(CancellationToken ct)
    {
        Section(Start.AddHours(3), "A refused SMS falls back to a letter, without staff");
        _output.WriteLine("  OverdueNotice has \"Fallback\": [\"Email\", \"Print\"]. Sofie still has only her dead number, so when the");
        _output.WriteLine("  gateway refuses the SMS, the library creates one letter from the notice's stored data (she has no e-mail).");
        _output.WriteLine();
        var table = new TextTable("Time", "Borrower", "Notice", "Protocol", "Status", "Why");
        await NotifyAsync(table, _sofie, NotificationType.OverdueNotice, new() { ["title"] = "Harry Potter og Hemmelighedernes Kammer", ["due_date"] = new DateOnly(2026, 11, 28) }, ct);
        table.WriteTo(_output);
        _output.WriteLine();
        await DispatchAsync(ct);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await DispatchAsync(ct);
        var overdue = (await ListAsync(_sofie, ct)).Where(m => m.Type == NotificationType.OverdueNotice).ToList();
        var sms = overdue.Single(m => m.Protocol == Protocol.Sms);
        var letter = overdue.Single(m => m.Protocol == LibrarySetup.Print);
        var queue = await _services.GetRequiredService<IMessageQueue>().CountAsync(ct);
        _output.WriteLine();
        _output.WriteLine($"  The SMS is {sms.StatusName} ({sms.FailureName}) and replaced by the fallback: {sms.History[^1].Reason}");
        _output.WriteLine($"  The letter is {letter.StatusName}: {letter.History[0].Reason} Message queue: {queue} (nothing for staff to do).");
    }

    private async Task<NightlyRunResult> ThreeNightsLaterAsync(CancellationToken ct)
    {
        Section(new DateTime(2026, 12, 4, 2, 0, 0, DateTimeKind.Unspecified), "Nightly jobs: an unverified address expires");
        _output.WriteLine("  Peter never opened his link. His address expired Thursday 09:00 (EmailVerificationWindow, 3 days),");
        _output.WriteLine("  so tonight's jobs delete it, and his held messages follow the type's setup: the welcome has the");
        _output.WriteLine("  alternative protocol Print, the reservation notice has none.");
        _output.WriteLine();
        var night = await _services.GetRequiredService<INightlyJobs>().RunAsync(ct);
        WriteNight(night);
        _output.WriteLine();

        _clock.AdvanceTo(new DateTime(2026, 12, 4, 9, 0, 0, DateTimeKind.Unspecified));
        await DispatchAsync(ct);
        _output.WriteLine();
        await WriteMessagesTabAsync([_peter], ct);
        return night;
    }

    /// <summary>Staff print every waiting letter in one run: the letters become Sent, the document and the list go to the data folder.</summary>
    private async Task<PrintRunOutcome> TheMorningPrintRunAsync(CancellationToken ct)
    {
        Section(new DateTime(2026, 12, 4, 9, 30, 0, DateTimeKind.Unspecified), "The letters are printed in one run (ILetterRuns)");
        _output.WriteLine("  Print is a collected protocol (\"Delivery\": \"Collected\"): no channel sends a letter, each waits (Pending)");
        _output.WriteLine($"  until staff print. CollectAsync(Print, \"{Staff}\") takes every waiting letter, marks it Sent with '{Staff}' in its");
        _output.WriteLine("  history, and returns the run.");
        _output.WriteLine();
        var run = await _services.GetRequiredService<ILetterRuns>().CollectAsync(LibrarySetup.Print, Staff, cancellationToken: ct);

        var folder = SampleData.PrintedFolder(_dataFolder);
        Directory.CreateDirectory(folder);
        var html = Path.GetFullPath(Path.Combine(folder, $"letters-{run.Id}.html"));
        await File.WriteAllTextAsync(html, run.Html, ct);
        await File.WriteAllTextAsync(Path.ChangeExtension(html, ".csv"), run.Csv, ct);

        var messages = _services.GetRequiredService<IBorrowerMessages>();
        var table = new TextTable("Letter", "Borrower", "Notice", "Status");
        foreach (var id in run.MessageIds)
        {
            var row = await messages.GetAsync(id, cancellationToken: ct) ?? throw new InvalidOperationException("A printed letter is gone.");
            table.Add(id.ToString()[^8..], row.BorrowerId.Display, row.Type.Name, row.Status.ToString());
        }

        table.WriteTo(_output);
        _output.WriteLine();
        _output.WriteLine($"  {run.MessageIds.Count} letter(s), one per A4 page: {html}");
        _output.WriteLine($"  The list for the post room: {Path.ChangeExtension(html, ".csv")}");
        _output.WriteLine("  A jammed printer? ILetterRuns.ReprintAsync(run.Id) gives the same document again.");
        return new PrintRunOutcome(run.MessageIds.Count, html);
    }

    private async Task<NightlyRunResult> AMonthLaterAsync(CancellationToken ct)
    {
        Section(new DateTime(2026, 12, 31, 2, 0, 0, DateTimeKind.Unspecified), "Nightly jobs a month later: old messages are anonymized");
        _output.WriteLine("  Messages older than Nightly.RetentionPeriod (30 days) lose address, subject, body and template data.");
        _output.WriteLine("  Type, protocol, status and send time stay; the changed time becomes the time of anonymization.");
        _output.WriteLine();
        var night = await _services.GetRequiredService<INightlyJobs>().RunAsync(ct);
        WriteNight(night);
        _output.WriteLine();
        await WriteMessagesTabAsync(Everyone, ct);
        return night;
    }

    private async Task<LibraryDayResult> SummarizeAsync(
        IReadOnlyList<QueueEntry> queueBefore,
        IReadOnlyList<QueueEntry> queueAfter,
        VerificationResult verification,
        MessageOutcome released,
        NightlyRunResult expiryNight,
        NightlyRunResult anonymizationNight,
        string printed,
        CancellationToken ct)
    {
        _output.WriteLine();
        _output.WriteLine("== Summary ==");
        var outcomes = new Dictionary<string, IReadOnlyList<MessageOutcome>>(StringComparer.Ordinal);
        foreach (var borrower in Everyone)
        {
            outcomes[borrower.Key] = (await ListAsync(borrower, ct)).Select(Outcome).Reverse().ToList();
        }

        var all = outcomes.Values.SelectMany(o => o).ToList();
        var statuses = string.Join(", ", all.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}"));
        _output.WriteLine($"  {all.Count} messages to {outcomes.Count} borrowers: {statuses}.");
        _output.WriteLine($"  Message queue: {queueBefore.Count} before the staff action, {queueAfter.Count} after.");
        _output.WriteLine($"  Anonymized a month later: {anonymizationNight.MessagesAnonymized}. Printed letter: {printed}");
        _output.WriteLine($"  Run the sample again to add borrowers {Id(_run + 1, 1)} ... {Id(_run + 1, 7)} to this database, or with --reset to start over.");

        return new LibraryDayResult(
            _run,
            Path.GetFullPath(SampleData.DatabasePath(_dataFolder)),
            outcomes,
            queueBefore,
            queueAfter,
            verification,
            released,
            expiryNight,
            anonymizationNight,
            printed);
    }

    private async Task NotifyAsync(TextTable table, SampleBorrower borrower, NotificationType type, Dictionary<string, object?> data, CancellationToken ct)
    {
        data["borrower_name"] = borrower.Name;
        var notification = new Notification(borrower.Id, type) { Data = data, IdempotencyKey = $"{borrower.Id}:{type}" };
        var messages = await _services.GetRequiredService<INotifier>().NotifyAsync(notification, ct);
        foreach (var message in messages)
        {
            table.Add(Time(message.CreatedAt), borrower.Id.Value, type.Name, message.Protocol.Name, message.Status.ToString(), Why(message));
        }

        _clock.Advance(TimeSpan.FromMinutes(1));
    }

    /// <summary>Dispatches what is due and prints what the channels did, grouped by borrower (sends run in parallel).</summary>
    private async Task DispatchAsync(CancellationToken ct)
    {
        var result = await _services.GetRequiredService<IMessageDispatcher>().DispatchDueAsync(ct);
        var deferred = result.Deferred > 0 ? $", {result.Deferred} waiting for quiet hours" : "";
        _output.WriteLine($"  {Time(_clock.GetUtcNow())} IMessageDispatcher.DispatchDueAsync: {result.Claimed} claimed, {result.Delivered} delivered, {result.Failed} failed{deferred}.");

        var messages = _services.GetRequiredService<IBorrowerMessages>();
        var lines = new List<(MessageRow Row, SentLine Line)>();
        foreach (var line in _services.GetRequiredService<ChannelLog>().TakeLines())
        {
            lines.Add((await messages.GetAsync(line.MessageId, cancellationToken: ct) ?? throw new InvalidOperationException("A sent message is gone."), line));
        }

        var table = new TextTable("Borrower", "Channel", "To", "What the channel got");
        foreach (var (row, line) in lines.OrderBy(l => l.Row.BorrowerId.Value, StringComparer.Ordinal).ThenBy(l => l.Row.CreatedAt).ThenBy(l => l.Line.Protocol, StringComparer.Ordinal))
        {
            table.Add(row.BorrowerId.Value, line.Protocol, line.To, Shorten(line.What, 130));
        }

        _output.WriteLine();
        table.WriteTo(_output);
    }

    private async Task WriteMessagesTabAsync(IEnumerable<SampleBorrower> borrowers, CancellationToken ct)
    {
        var table = new TextTable("Borrower", "Type", "Protocol", "Status", "Sent", "Changed", "Note");
        foreach (var borrower in borrowers)
        {
            foreach (var row in await ListAsync(borrower, ct))
            {
                table.Add(borrower.Id.Value, row.TypeName, row.ProtocolName, row.StatusName, Local(row.CreatedAt), Local(row.ChangedAt), Note(row));
            }
        }

        table.WriteTo(_output);
    }

    private void WriteQueue(IReadOnlyList<MessageRow> rows)
    {
        if (rows.Count == 0)
        {
            _output.WriteLine("  The message queue is empty.");
            return;
        }

        var table = new TextTable("Borrower", "Type", "Protocol", "Status", "Failed", "Reason", "Staff can");
        foreach (var row in rows)
        {
            table.Add(row.BorrowerId.Value, row.TypeName, row.ProtocolName, row.StatusName, Local(row.ChangedAt), row.FailureReason ?? "", row.AvailableActions.ToString());
        }

        table.WriteTo(_output);
    }

    private void WriteNight(NightlyRunResult night)
        => new TextTable("INightlyJobs.RunAsync", "Count")
            .Add("E-mail addresses deleted (not verified in time)", Count(night.EmailAddressesDeleted))
            .Add("Held messages moved to the alternative protocol", Count(night.HeldMessagesRerouted))
            .Add("Held messages now missing contact info", Count(night.HeldMessagesMissingContactInfo))
            .Add("Messages anonymized", Count(night.MessagesAnonymized))
            .WriteTo(_output);

    private async Task<IReadOnlyList<MessageRow>> ListAsync(SampleBorrower borrower, CancellationToken ct)
        => (await _services.GetRequiredService<IBorrowerMessages>().ListAsync(borrower.Id, AllOnOnePage, cancellationToken: ct)).Items;

    private void Section(DateTime local, string title)
    {
        if (_clock.LocalNow.DateTime < local)
        {
            _clock.AdvanceTo(local);
        }

        _output.WriteLine();
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"== {++_section}. {_clock.LocalNow:dddd d MMMM yyyy, HH:mm}: {title} =="));
        _output.WriteLine();
    }

    private static string Describe(BorrowerProfileView profile)
    {
        var parts = profile.ContactPoints.Select(c => $"{c.Value} ({c.Source}{(c.IsAwaitingVerification ? ", awaiting verification" : "")})").ToList();
        if (profile.Cvr is { } cvr)
        {
            parts.Add($"CVR {cvr.Value}");
        }

        parts.AddRange(profile.OptIns.Select(p => $"{p.Name} switched on"));
        return parts.Count == 0 ? "(none)" : string.Join(", ", parts);
    }

    private static string Why(Message message) => message switch
    {
        { IsHeld: true } => "held until the e-mail address is verified",
        { Status: MessageStatus.MissingContactInfo } => "no contact details, and the type has no alternative protocol",
        _ when message.Protocol == LibrarySetup.Print => "no contact details: the type's alternative protocol",
        _ => "waits for the dispatcher",
    };

    /// <summary>Why a row looks the way it does, from its flags and its history (who did what, and why).</summary>
    private static string Note(MessageRow row)
    {
        var last = row.History.LastOrDefault(h => h.Event is MessageEvent.Rerouted or MessageEvent.ContactMissing);
        return row switch
        {
            { IsAnonymized: true } => "anonymized",
            { IsHeld: true } => "held until the e-mail address is verified",
            { Status: MessageStatus.Failed, FailureReason: { } reason } => reason,
            _ when last is { Event: MessageEvent.Rerouted } => $"rerouted by {last.Actor}: {last.Reason}",
            _ when last is { Event: MessageEvent.ContactMissing, Reason: { } reason } => reason,
            { Status: MessageStatus.MissingContactInfo } => "no address for the type's protocols, and no alternative protocol",
            _ => "",
        };
    }

    private SampleBorrower Borrower(int number, string key, string name) => new(key, BorrowerId.Parse(Id(_run, number)), name);

    private static string Id(int run, int number) => string.Create(CultureInfo.InvariantCulture, $"L-{run}{number:00}");

    private static MessageOutcome Outcome(MessageRow row) => new(row.Type, row.Protocol, row.Status, row.IsAnonymized);

    private static QueueEntry ToQueueEntry(MessageRow row) => new(row.BorrowerId, row.Type, row.Protocol, row.FailureReason);

    private string Local(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, _clock.LocalTimeZone).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);

    private string Time(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, _clock.LocalTimeZone).ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static string Shorten(string text, int max)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= max ? line : line[..(max - 3)] + "...";
    }

    [GeneratedRegex(@"[?&]token=(?<token>[A-Za-z0-9_\-]+)")]
    private static partial Regex VerificationLink();
}

using System.Globalization;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.KillTests;

/// <summary>
/// What a kill run left behind, from the database and the send logs: the figures the test reports and, for each
/// invariant, the messages that break it (empty when it holds).
/// </summary>
internal sealed class KillFindings
{
    private KillFindings(KillPlan plan, KillRun run, IReadOnlyList<StoredMessage> messages, SendLogs logs, string integrityCheck, string integrity)
    {
        Plan = plan;
        NotifierKills = run.NotifierKills;
        DispatcherKills = run.DispatcherKills;
        NotifierRuns = run.NotifierRuns;
        Elapsed = run.Elapsed;
        Messages = messages.Count;
        Logs = logs;
        IntegrityCheck = integrityCheck;
        Integrity = integrity;

        var keys = Enumerable.Range(0, plan.Notifications).Select(i => string.Create(CultureInfo.InvariantCulture, $"kill-{i}")).ToHashSet();
        var protocols = new[] { Protocol.Sms.Name, Protocol.Email.Name };
        var rows = messages.Where(m => m.IdempotencyKey is not null && keys.Contains(m.IdempotencyKey) && protocols.Contains(m.Protocol))
            .ToLookup(m => (Key: m.IdempotencyKey!, m.Protocol));
        Lost = [.. keys.SelectMany(key => protocols.Select(protocol => (Key: key, Protocol: protocol))).Where(k => !rows.Contains(k)).Select(k => $"{k.Key} {k.Protocol}")];
        Duplicates = [.. rows.Where(g => g.Count() > 1).Select(g => $"{g.Key.Key} {g.Key.Protocol} ×{g.Count()}")];
        Strays = [.. messages.Where(m => !rows.Contains((m.IdempotencyKey ?? "", m.Protocol))).Select(m => $"{m.Id} {m.Protocol} key {m.IdempotencyKey ?? "none"}")];

        var sms = messages.Where(m => m.IsSms).ToList();
        var email = messages.Where(m => m.IsEmail).ToList();
        DoubleSends = [.. logs.Sms.Where(s => s.Value > 1).Select(s => $"{s.Key} ×{s.Value}")];
        InDoubt = [.. messages.Where(m => m.IsInDoubt)];
        InDoubtNeverStarted = [.. InDoubt.Where(m => m.IsSms && logs.SmsSends(m.Id) == 0).Select(m => m.Id)];
        EmailsSentAgain = email.Count(m => logs.EmailSends(m.Id) > 1);
        EmailsNeverSent = [.. email.Where(m => logs.EmailSends(m.Id) == 0).Select(m => $"{m.Id} {m.Status}")];
        SentSmsNotInLog = [.. sms.Where(m => m.Status == MessageStatus.Sent && logs.SmsSends(m.Id) == 0).Select(m => m.Id)];
        NotFinal = [.. messages.Where(m => m.Status is not (MessageStatus.Sent or MessageStatus.Failed)).Select(m => $"{m.Id} {m.Protocol} {m.Status}")];
        FailedOtherwise = [.. messages.Where(m => m.Status == MessageStatus.Failed && !(m.IsInDoubt && m.IsSms)).Select(m => $"{m.Id} {m.Protocol} {m.FailureKind}")];
        var smsIds = sms.Select(m => m.Id).ToHashSet();
        var emailIds = email.Select(m => m.Id).ToHashSet();
        LoggedButUnknown = [.. logs.Sms.Keys.Where(id => !smsIds.Contains(id)).Select(id => $"sms {id}"), .. logs.Email.Keys.Where(id => !emailIds.Contains(id)).Select(id => $"email {id}")];
    }

    public KillPlan Plan { get; }

    public int Kills => NotifierKills + DispatcherKills;

    public int NotifierKills { get; }

    public int DispatcherKills { get; }

    public int NotifierRuns { get; }

    public TimeSpan Elapsed { get; }

    public int Messages { get; }

    public SendLogs Logs { get; }

    /// <summary>Gets how the database checked itself.</summary>
    public string IntegrityCheck { get; }

    /// <summary>Gets the database's own check: <c>ok</c> or what is wrong.</summary>
    public string Integrity { get; }

    /// <summary>Gets the notifications' messages that are not stored, as <c>kill-{i} {protocol}</c>.</summary>
    public IReadOnlyList<string> Lost { get; }

    /// <summary>Gets the idempotency keys with more than one message of a protocol.</summary>
    public IReadOnlyList<string> Duplicates { get; }

    /// <summary>Gets the messages of no notification of the run (another key or protocol).</summary>
    public IReadOnlyList<string> Strays { get; }

    /// <summary>Gets the SMS message ids that appear more than once in the SMS send logs (at most once broken).</summary>
    public IReadOnlyList<string> DoubleSends { get; }

    /// <summary>Gets the messages that are Failed as in doubt (a send began and its outcome was never recorded).</summary>
    public IReadOnlyList<StoredMessage> InDoubt { get; }

    /// <summary>Gets the in-doubt SMS messages that no SMS send log holds: killed after the begun mark, before the channel sent.</summary>
    public IReadOnlyList<Guid> InDoubtNeverStarted { get; }

    /// <summary>Gets how many e-mail messages were sent more than once (allowed: at least once).</summary>
    public int EmailsSentAgain { get; }

    /// <summary>Gets the e-mail messages that no e-mail send log holds (at least once broken).</summary>
    public IReadOnlyList<string> EmailsNeverSent { get; }

    /// <summary>Gets the SMS messages stored as Sent that no SMS send log holds.</summary>
    public IReadOnlyList<Guid> SentSmsNotInLog { get; }

    /// <summary>Gets the messages neither Sent nor Failed after the drain.</summary>
    public IReadOnlyList<string> NotFinal { get; }

    /// <summary>Gets the Failed messages that are not in-doubt SMS messages (nothing else may fail here).</summary>
    public IReadOnlyList<string> FailedOtherwise { get; }

    /// <summary>Gets the ids in a send log that are no stored message of that protocol.</summary>
    public IReadOnlyList<string> LoggedButUnknown { get; }

    /// <summary>Gets the most in-doubt messages that never started the kills can explain: each killed dispatcher had at most its parallelism of sends begun.</summary>
    public int NeverStartedBound => DispatcherKills * Plan.Parallelism;

    /// <summary>Gets the figures on one line.</summary>
    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"Kill test {Plan.Store}, seed {Plan.Seed}: {Kills} kills ({NotifierKills} notifier, {DispatcherKills} dispatcher), {Plan.Notifications} notifications, " +
        $"{Messages} messages, {Lost.Count} lost, {Duplicates.Count} duplicates, {DoubleSends.Count} double sends, {InDoubt.Count} in doubt " +
        $"({InDoubtNeverStarted.Count} never started), {EmailsSentAgain} e-mails sent again, integrity {(Integrity == "ok" ? "ok" : "FAILED")}, {Elapsed.TotalSeconds:F1} s");

    public static async Task<KillFindings> ReadAsync(KillPlan plan, KillRun run, KillStore store, string workFolder)
    {
        var messages = await store.ReadMessagesAsync();
        var integrity = await store.CheckIntegrityAsync();
        return new KillFindings(plan, run, messages, SendLogs.Read(workFolder), store.IntegrityCheck, integrity);
    }

    /// <summary>The figures, one per line, for the test's output.</summary>
    public IEnumerable<string> Figures()
    {
        yield return string.Create(CultureInfo.InvariantCulture, $"kills                      {Kills} ({NotifierKills} notifier, {DispatcherKills} dispatcher; {NotifierRuns} notifier runs)");
        yield return string.Create(CultureInfo.InvariantCulture, $"notifications              {Plan.Notifications}");
        yield return string.Create(CultureInfo.InvariantCulture, $"messages                   {Messages}");
        yield return string.Create(CultureInfo.InvariantCulture, $"lost                       {Lost.Count}");
        yield return string.Create(CultureInfo.InvariantCulture, $"duplicates                 {Duplicates.Count} (+ {Strays.Count} strays)");
        yield return string.Create(CultureInfo.InvariantCulture, $"double sends (SMS)         {DoubleSends.Count}");
        yield return string.Create(CultureInfo.InvariantCulture, $"in doubt                   {InDoubt.Count}");
        yield return string.Create(CultureInfo.InvariantCulture, $"  of which never started   {InDoubtNeverStarted.Count} (at most {NeverStartedBound}: {DispatcherKills} dispatcher kills × {Plan.Parallelism})");
        yield return string.Create(CultureInfo.InvariantCulture, $"e-mails sent again         {EmailsSentAgain}");
        yield return string.Create(CultureInfo.InvariantCulture, $"send logs                  {Logs.Files} files, {Logs.Sms.Values.Sum()} SMS and {Logs.Email.Values.Sum()} e-mail lines, {Logs.UnreadableLines} unreadable");
        yield return string.Create(CultureInfo.InvariantCulture, $"integrity                  {Integrity} ({IntegrityCheck})");
        yield return string.Create(CultureInfo.InvariantCulture, $"duration                   {Elapsed.TotalSeconds:F1} s");
    }
}

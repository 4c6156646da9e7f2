using System.Globalization;
using Cicero.Notifications.Benchmarks.Stores;

namespace Cicero.Notifications.Benchmarks.Big;

/// <summary>
/// A year of finished messages in creation order (so ids and times ascend, as in production): 2.5 % belong to a few
/// heavy borrowers (thousands each), the rest are spread over 50 000 ordinary borrowers (about 20 each). 60 % SMS,
/// 40 % e-mail; 1 in 25 failed, the rest sent. Streamed, so seeding a million rows holds none of them in memory.
/// </summary>
internal sealed class SeedData(int count, DateTimeOffset now)
{
    public const int HeavyBorrowers = 5;
    public const int OrdinaryBorrowers = 50_000;
    private const double HeavyShare = 0.025;

    private readonly int[] _heavyCounts = new int[HeavyBorrowers];

    public int Count => count;

    /// <summary>Gets how many messages each heavy borrower got (filled while <see cref="Generate"/> is enumerated).</summary>
    public IReadOnlyList<int> HeavyCounts => _heavyCounts;

    public static string Heavy(int i) => "H" + i.ToString(CultureInfo.InvariantCulture);

    public static string Ordinary(int i) => "B" + i.ToString(CultureInfo.InvariantCulture);

    public IEnumerable<RawMessage> Generate()
    {
        var random = new Random(7);
        var start = now - TimeSpan.FromDays(366);
        var step = TimeSpan.FromDays(365).Ticks / count;
        for (var i = 0; i < count; i++)
        {
            var created = start + TimeSpan.FromTicks((i * step) + random.NextInt64(step));
            var done = created + TimeSpan.FromSeconds(2);
            string borrower;
            if (random.NextDouble() < HeavyShare)
            {
                var heavy = random.Next(HeavyBorrowers);
                _heavyCounts[heavy]++;
                borrower = Heavy(heavy);
            }
            else
            {
                borrower = Ordinary(random.Next(OrdinaryBorrowers));
            }

            var sms = random.Next(5) < 3;
            var failed = random.Next(25) == 0;
            var title = "Kongens Fald #" + i.ToString(CultureInfo.InvariantCulture);
            var outcome = failed ? RawMessage.HistoryEntry(3, RawMessage.Pending, RawMessage.Failed, done) : RawMessage.HistoryEntry(1, RawMessage.Pending, RawMessage.Sent, done);
            yield return new RawMessage
            {
                Id = Guid.CreateVersion7(created),
                BorrowerId = borrower,
                Protocol = sms ? "Sms" : "Email",
                Status = failed ? RawMessage.Failed : RawMessage.Sent,
                CreatedAt = created,
                ChangedAt = done,
                AttemptCount = 1,
                FailureKind = failed ? (short)1 : null,
                FailureReason = failed ? "The provider rejected the message." : null,
                RecipientKind = sms ? RawMessage.Phone : RawMessage.Email,
                Recipient = sms ? "+4520123456" : "hans@example.dk",
                Subject = sms ? null : "Din reservering er klar: " + title,
                Body = sms ? RawMessage.SmsText(title) : RawMessage.EmailText(title),
                TemplateData = "{\"title\":\"" + title + "\",\"pickup_by\":\"5. december\",\"borrower_name\":\"Hans Hansen\"}",
                History = "[" + RawMessage.HistoryEntry(0, RawMessage.Pending, RawMessage.Pending, created) + "," + outcome + "]",
                Version = 2,
            };
        }
    }
}

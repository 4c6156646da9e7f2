using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Storage;

/// <summary>
/// A thread-safe <see cref="IBorrowerProfileStore"/> in memory: the default when no store is chosen, for tests and
/// demos. Nothing survives a restart.
/// </summary>
public sealed class InMemoryBorrowerProfileStore : IBorrowerProfileStore
{
    private static readonly Task<BorrowerProfile?> None = Task.FromResult<BorrowerProfile?>(null);

    private readonly Lock _lock = new();
    // Each profile is kept as the completed task GetAsync returns: every notification reads its borrower's profile, and
    // handing out the same task saves an allocation per read.
    private readonly Dictionary<BorrowerId, Task<BorrowerProfile?>> _profiles = [];

    /// <inheritdoc/>
    public Task<BorrowerProfile?> GetAsync(BorrowerId id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_lock)
        {
            return _profiles.TryGetValue(id, out var profile) ? profile : None;
        }
    }

    /// <inheritdoc/>
    public Task<BorrowerProfile?> TrySaveAsync(BorrowerProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        lock (_lock)
        {
            var current = _profiles.TryGetValue(profile.Id, out var stored) ? stored.Result : null;
            if ((current?.Version ?? 0) != profile.Version)
            {
                return None;
            }

            var saved = Task.FromResult<BorrowerProfile?>(profile.WithVersion(profile.Version + 1));
            _profiles[profile.Id] = saved;
            return saved;
        }
    }

    /// <inheritdoc/>
    public Task<BorrowerProfile?> FindByVerificationTokenHashAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        lock (_lock)
        {
            return Task.FromResult(Profiles().FirstOrDefault(p => p.ContactPoints.Any(c => string.Equals(c.VerificationTokenHash, tokenHash, StringComparison.Ordinal))));
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<BorrowerProfile>> ListWithExpiredVerificationsAsync(DateTimeOffset startedBefore, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        lock (_lock)
        {
            IReadOnlyList<BorrowerProfile> expired = [.. Profiles()
                .Where(p => p.ContactPoints.Any(c => c.IsAwaitingVerification && c.VerificationStartedAt <= startedBefore))
                .Take(maxCount)];
            return Task.FromResult(expired);
        }
    }

    private IEnumerable<BorrowerProfile> Profiles() => _profiles.Values.Select(p => p.Result!);
}

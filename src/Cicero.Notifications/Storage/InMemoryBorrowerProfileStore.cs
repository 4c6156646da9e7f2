using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Storage;

/// <summary>
/// A thread-safe <see cref="IBorrowerProfileStore"/> in memory: the default when no store is chosen, for tests and
/// demos. Nothing survives a restart.
/// </summary>
public sealed class InMemoryBorrowerProfileStore : IBorrowerProfileStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<BorrowerId, BorrowerProfile> _profiles = [];

    /// <inheritdoc/>
    public Task<BorrowerProfile?> GetAsync(BorrowerId id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_lock)
        {
            return Task.FromResult(_profiles.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc/>
    public Task<BorrowerProfile?> TrySaveAsync(BorrowerProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        lock (_lock)
        {
            if ((_profiles.GetValueOrDefault(profile.Id)?.Version ?? 0) != profile.Version)
            {
                return Task.FromResult<BorrowerProfile?>(null);
            }

            var saved = profile.WithVersion(profile.Version + 1);
            _profiles[profile.Id] = saved;
            return Task.FromResult<BorrowerProfile?>(saved);
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

    private Dictionary<BorrowerId, BorrowerProfile>.ValueCollection Profiles() => _profiles.Values;
}

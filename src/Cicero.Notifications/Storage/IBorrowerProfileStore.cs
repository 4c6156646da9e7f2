using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Storage;

/// <summary>Persists borrower profiles (contact points, CPR/CVR, opt-ins, verification state). Thread-safe.</summary>
/// <remarks>Versions: a new profile is stored with version 1; each successful save stores version + 1.</remarks>
public interface IBorrowerProfileStore
{
    /// <summary>Gets a profile.</summary>
    /// <param name="id">The borrower's id.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The profile, or <see langword="null"/>.</returns>
    Task<BorrowerProfile?> GetAsync(BorrowerId id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gets several profiles at once (bulk notify reads a batch's borrowers with one call). The default reads them one at a
    /// time; a durable store reads them in one query or transaction.
    /// </summary>
    /// <param name="ids">The borrowers' ids.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The profiles found, by borrower id; a borrower without a profile is missing from it.</returns>
    async Task<IReadOnlyDictionary<BorrowerId, BorrowerProfile>> GetManyAsync(IReadOnlyCollection<BorrowerId> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new Dictionary<BorrowerId, BorrowerProfile>(ids.Count);
        foreach (var id in ids)
        {
            if (!found.ContainsKey(id) && await GetAsync(id, cancellationToken).ConfigureAwait(false) is { } profile)
            {
                found.Add(id, profile);
            }
        }

        return found;
    }

    /// <summary>
    /// Saves a profile if nobody changed it since it was read: inserts it when its version is 0 and no profile with that
    /// id exists, else updates it when the stored version equals <see cref="BorrowerProfile.Version"/>.
    /// </summary>
    /// <param name="profile">The profile.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The saved profile with its new version, or <see langword="null"/> on a conflict.</returns>
    Task<BorrowerProfile?> TrySaveAsync(BorrowerProfile profile, CancellationToken cancellationToken = default);

    /// <summary>Finds the profile holding an e-mail address with this verification token hash.</summary>
    /// <param name="tokenHash">The SHA-256 hash of the token, lower-case hex.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The profile, or <see langword="null"/>.</returns>
    Task<BorrowerProfile?> FindByVerificationTokenHashAsync(string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>Lists up to <paramref name="maxCount"/> profiles with an unverified e-mail whose verification started before <paramref name="startedBefore"/>.</summary>
    /// <param name="startedBefore">The cut-off (now minus the verification window).</param>
    /// <param name="maxCount">The most profiles to return.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The profiles.</returns>
    Task<IReadOnlyList<BorrowerProfile>> ListWithExpiredVerificationsAsync(DateTimeOffset startedBefore, int maxCount, CancellationToken cancellationToken = default);
}

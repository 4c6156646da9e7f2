using System.Globalization;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Samples.Web.Sample;

/// <summary>
/// The library system's borrower register, as far as the sample needs one: ids and names. The notification library keeps
/// contact details and messages, not names, so a host searches its own register and opens the library's data by id.
/// </summary>
public static class BorrowerRegister
{
    private static readonly string[] Names =
    [
        "Karen Holm", "Mads Berg", "Ellen Vinther", "Jonas Krogh", "Byens Tømrer ApS", "Sofie Dahl", "Peter Lund",
        "Anna Friis", "Lars Bech", "Maja Kjær", "Oliver Skov", "Ida Mortensen", "Emil Thomsen", "Freja Lauridsen",
        "Noah Poulsen", "Clara Winther", "William Dam", "Alma Storm", "Viktor Holt", "Ella Juhl", "Oscar Brandt",
        "Agnes Kristiansen", "Carl Nørgaard", "Lærke Ravn", "Aksel Bang", "Sara Lind", "Magnus Kirk", "Laura Hviid",
        "Frederik Bay", "Asta Mølgaard", "Theo Hald", "Johanne Krag",
    ];

    /// <summary>Gets every borrower in the register.</summary>
    public static IReadOnlyList<RegisteredBorrower> All { get; } =
        [.. Names.Select((name, i) => new RegisteredBorrower(BorrowerId.Parse(string.Create(CultureInfo.InvariantCulture, $"L-{1001 + i}")), name, i))];

    /// <summary>Finds a borrower by id.</summary>
    public static RegisteredBorrower? Find(BorrowerId id) => All.FirstOrDefault(b => b.Id == id);

    /// <summary>Finds borrowers whose id or name contains <paramref name="text"/> (ignoring case).</summary>
    public static IReadOnlyList<RegisteredBorrower> Search(string? text) => string.IsNullOrWhiteSpace(text)
        ? All
        : [.. All.Where(b => b.Id.Value.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase) || b.Name.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase))];
}

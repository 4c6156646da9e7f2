using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Samples.Console;

/// <summary>One borrower of the story: the key the summary uses ("Karen"), the library's borrower id and the name templates print.</summary>
internal sealed record SampleBorrower(string Key, BorrowerId Id, string Name);

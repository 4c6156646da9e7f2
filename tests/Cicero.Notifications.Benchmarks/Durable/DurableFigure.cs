using System.Globalization;
using Cicero.Notifications.Benchmarks.Stores;

namespace Cicero.Notifications.Benchmarks.Durable;

/// <summary>One line of the durable benchmark: <c>durable &lt;store&gt; &lt;what&gt; ratio R</c>, then each side's rate.</summary>
internal sealed record DurableFigure(string Label, double Ratio, double Goal, string Sides)
{
    public bool IsMet => Ratio >= Goal;

    public static string Rate(double perSecond) => string.Create(CultureInfo.InvariantCulture, $"{perSecond,7:N0} msg/s");

    public void Print() => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Label} ratio {Ratio:F2}   {Sides}"));

    /// <summary>Reads a positive count from an environment variable (for short trial runs), else returns <paramref name="standard"/>.</summary>
    public static int Count(string variable, int standard)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return standard;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : throw new InvalidOperationException($"{variable} must be a positive whole number (it is '{value}').");
    }

    /// <summary>
    /// Measures <paramref name="compare"/> on SQLite, then on PostgreSQL when a server is reachable (a note says how to
    /// start one otherwise), and concludes (see <see cref="Conclude"/>). The flag tells the comparison it runs on PostgreSQL.
    /// </summary>
    public static async Task<int> OnBothStoresAsync(Func<BenchDatabase, bool, Task<IEnumerable<DurableFigure>>> compare)
    {
        var figures = new List<DurableFigure>();
        await using (var sqlite = new SqliteBenchDatabase())
        {
            figures.AddRange(await compare(sqlite, false));
        }

        var (postgres, problem) = await PostgresBenchDatabase.TryCreateAsync();
        if (postgres is null)
        {
            Console.WriteLine($"  PostgreSQL: not run, {problem}");
            Console.WriteLine($"  {PostgresBenchDatabase.HowToStart}");
        }
        else
        {
            await using (postgres)
            {
                figures.AddRange(await compare(postgres, true));
            }
        }

        return Conclude(figures);
    }

    /// <summary>Prints the goal line and returns the exit code: 0 when every figure meets its goal, 1 when one does not.</summary>
    public static int Conclude(IReadOnlyList<DurableFigure> figures)
    {
        var missed = figures.Where(f => !f.IsMet).Select(f => f.Label).ToArray();
        Console.WriteLine(missed.Length == 0
            ? "  goals: met"
            : $"  goals: NOT MET by {string.Join(", ", missed)}");
        return missed.Length == 0 ? 0 : 1;
    }
}

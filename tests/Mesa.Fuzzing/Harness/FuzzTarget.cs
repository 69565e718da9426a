namespace Mesa.Fuzzing.Harness;

/// <summary>
/// One parser under test: where its inputs come from (valid seeds, optionally a structure-aware generator, then
/// <see cref="Mutator"/>), how one input is parsed, and which exception is the parser's documented refusal.
/// </summary>
public abstract class FuzzTarget : IDisposable
{
    private readonly Lazy<IReadOnlyList<byte[]>> _seeds;
    private readonly Lazy<Mutator> _mutator;

    protected FuzzTarget()
    {
        Scratch = Directory.CreateTempSubdirectory("mesa-fuzz-").FullName;
        _seeds = new(BuildSeeds);
        _mutator = new(() => new Mutator(Dictionary));
    }

    public abstract string Name { get; }

    /// <summary>Valid inputs: each must parse without error.</summary>
    public IReadOnlyList<byte[]> Seeds => _seeds.Value;

    /// <summary>A folder of this target's own for the files a parser reads from disk.</summary>
    protected string Scratch { get; }

    /// <summary>Tokens of the format the mutator inserts or writes over bytes (keywords, markers, delimiters).</summary>
    protected virtual IReadOnlyList<byte[]> Dictionary => [];

    /// <summary>The next input: a generated or seed input, as it is a quarter of the time, else mutated.</summary>
    public byte[] Next(Random random)
    {
        var generated = Generate(random);
        if (generated is not null && !MutateGenerated) return generated;
        var start = generated ?? Seeds[random.Next(Seeds.Count)];
        if (random.Next(4) == 0) return start;
        return _mutator.Value.Mutate(random, start, Seeds[random.Next(Seeds.Count)]);
    }

    /// <summary>Parses the input the way the product does, all the way to the values it uses.</summary>
    public abstract void Run(byte[] input);

    /// <summary>Whether <paramref name="error"/> is the refusal the parser documents (with a message for the user).</summary>
    public abstract bool IsDocumented(Exception error);

    public void Dispose()
    {
        Directory.Delete(Scratch, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>False for a target whose generator mutates inside the container (a zip member, a table row) itself.</summary>
    protected virtual bool MutateGenerated => true;

    /// <summary>Mutates bytes the way <see cref="Next"/> does, for generators that mutate a part of their input.</summary>
    protected byte[] Mutate(Random random, byte[] input) => _mutator.Value.Mutate(random, input, Seeds[random.Next(Seeds.Count)]);

    protected abstract IReadOnlyList<byte[]> BuildSeeds();

    /// <summary>A fresh structure-aware input, or null for a target that only mutates its seeds.</summary>
    protected virtual byte[]? Generate(Random random) => null;
}

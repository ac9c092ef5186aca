(int N, long Expected)[] cases = [(0, 0), (1, 1), (10, 55), (35, 9227465)];
foreach ((int n, long expected) in cases)
{
    long actual = Solution.Fib(n);
    if (actual != expected)
    {
        Console.Error.WriteLine($"Fib({n}) should be {expected}, was {actual}");
        return 1;
    }
}

return 0;

"""Running the coder beyond one machine (Apache Spark)."""

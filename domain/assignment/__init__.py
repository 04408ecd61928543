"""Assignment context: the judges' roster of a court and the automatic distribution of cases."""

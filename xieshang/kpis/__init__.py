"""The KPIs: what each one is (the registry), for which region and period (the scope), and the
only functions through which any page, the wall, the CLI or the API gets a figure."""

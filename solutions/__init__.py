"""Reference solutions of the dlcourse exercises: the single source of truth.

One module per lecture concept. Student stubs, master notebooks, hidden tests
and graders are all derived from, or judged against, these modules.
"""

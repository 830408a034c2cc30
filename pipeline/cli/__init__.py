"""The command line: argument parsing, one handler per verb, the console, configuration files.
The only package that prints to the user.

May import: anything; nothing imports it but __main__.
"""

# The Maven project's version (pom.xml: 0.1.0-SNAPSHOT) in PEP 440 form; tests check they agree.
__version__ = "0.1.0.dev0"

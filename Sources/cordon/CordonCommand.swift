import ArgumentParser
import App
@main struct Cordon: ParsableCommand { func run() {} }

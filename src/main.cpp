#include <cstdio>
int main() { std::puts("tessera: under construction"); return 0; }
